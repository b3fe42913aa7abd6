using CanaryFlow.LocalCluster.Schema;
using static CanaryFlow.LocalCluster.Tests.Schema.TestSchemas;

namespace CanaryFlow.LocalCluster.Tests.Schema;

public class ValidationRatchetingTests
{
    private static readonly StructuralSchema _schema = ParseSchema("""
        {"type": "object", "properties": {"spec": {"type": "object", "properties": {
          "size": {"type": "integer", "maximum": 10},
          "name": {"type": "string", "maxLength": 3},
          "ports": {"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
            "items": {"type": "object", "properties": {"name": {"type": "string"}, "port": {"type": "integer", "maximum": 1000}}}},
          "args": {"type": "array", "items": {"type": "string", "maxLength": 2}}}}}}
        """);

    private static string[] Ratchet(string newJson, string oldJson) =>
        SchemaValidator.ValidateRatcheting(Node(newJson), Node(oldJson), _schema).Select(e => e.ToString()).ToArray();

    [Fact]
    public void Unchanged_invalid_values_are_tolerated_and_changed_ones_are_not()
    {
        Assert.Empty(Ratchet("""{"spec": {"size": 42, "name": "ok"}}""", """{"spec": {"size": 42, "name": "x"}}"""));
        Assert.Equal(
            ["spec.size: Invalid value: 43: spec.size in body should be less than or equal to 10"],
            Ratchet("""{"spec": {"size": 43}}""", """{"spec": {"size": 42}}"""));
    }

    [Fact]
    public void Newly_added_invalid_values_are_reported()
    {
        Assert.Equal(["spec.name: Too long: may not be longer than 3"],
            Ratchet("""{"spec": {"size": 42, "name": "toolong"}}""", """{"spec": {"size": 42}}"""));
    }

    [Fact]
    public void List_map_items_correlate_by_key_even_when_reordered()
    {
        Assert.Empty(Ratchet(
            """{"spec": {"ports": [{"name": "b", "port": 80}, {"name": "a", "port": 5000}]}}""",
            """{"spec": {"ports": [{"name": "a", "port": 5000}]}}"""));
        Assert.Equal(
            ["spec.ports[0].port: Invalid value: 6000: spec.ports[0].port in body should be less than or equal to 1000"],
            Ratchet("""{"spec": {"ports": [{"name": "a", "port": 6000}]}}""", """{"spec": {"ports": [{"name": "a", "port": 5000}]}}"""));
    }

    [Fact]
    public void Atomic_list_items_do_not_correlate()
    {
        Assert.Equal(
            ["spec.args[1]: Too long: may not be longer than 2"],
            Ratchet("""{"spec": {"args": ["x", "long"]}}""", """{"spec": {"args": ["long"]}}"""));
        Assert.Empty(Ratchet("""{"spec": {"args": ["long"], "size": 1}}""", """{"spec": {"args": ["long"]}}"""));
    }

    [Fact]
    public void Without_an_old_object_everything_is_validated()
    {
        Assert.Equal(2, SchemaValidator.ValidateRatcheting(Node("""{"spec": {"size": 42, "name": "toolong"}}"""), null, _schema).Count);
    }
}
