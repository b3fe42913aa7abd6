using CanaryFlow.LocalCluster.Schema;
using static CanaryFlow.LocalCluster.Tests.Schema.TestSchemas;

namespace CanaryFlow.LocalCluster.Tests.Schema;

public class SchemaDefaulterTests
{
    private static readonly StructuralSchema _rollout = ParseSchema("""
        {"type": "object", "properties": {"spec": {"type": "object", "properties": {
          "maxWeight": {"type": "integer", "default": 50},
          "note": {"type": "string", "nullable": true, "default": "n"},
          "mode": {"type": "string"},
          "strategy": {"type": "object", "default": {}, "properties": {
            "steps": {"type": "integer", "default": 3},
            "pause": {"type": "object", "default": {"duration": "1m"}, "properties": {
              "duration": {"type": "string"}, "unit": {"type": "string", "default": "s"}}}}},
          "backends": {"type": "array", "items": {"type": "object", "default": {"weight": 1}, "properties": {
            "name": {"type": "string"}, "weight": {"type": "integer", "default": 1}}}},
          "routes": {"type": "object", "additionalProperties": {"type": "object", "properties": {"timeout": {"type": "string", "default": "10s"}}}}}}}}
        """);

    [Fact]
    public void Missing_fields_get_their_defaults_recursively_inside_defaults()
    {
        var result = SchemaDefaulter.Default(Node("""{"spec": {}}"""), _rollout);

        Assert.Equal(
            """{"spec":{"maxWeight":50,"note":"n","strategy":{"steps":3,"pause":{"duration":"1m","unit":"s"}}}}""",
            result!.ToJsonString());
    }

    [Fact]
    public void Defaults_apply_inside_array_items_and_map_values_and_never_override_values()
    {
        var result = SchemaDefaulter.Default(Node("""
            {"spec": {"maxWeight": 80, "backends": [{"name": "a"}, {"name": "b", "weight": 5}, null], "routes": {"web": {}, "api": {"timeout": "1s"}}}}
            """), _rollout);

        var spec = result!["spec"]!;
        Assert.Equal(80, spec["maxWeight"]!.GetValue<long>());
        Assert.Equal("""[{"name":"a","weight":1},{"name":"b","weight":5},{"weight":1}]""", spec["backends"]!.ToJsonString());
        Assert.Equal("""{"web":{"timeout":"10s"},"api":{"timeout":"1s"}}""", spec["routes"]!.ToJsonString());
    }

    [Fact]
    public void Null_in_a_non_nullable_field_is_dropped_or_defaulted_and_a_nullable_null_is_kept()
    {
        var result = SchemaDefaulter.Default(Node("""{"spec": {"maxWeight": null, "mode": null, "note": null}}"""), _rollout);

        var spec = result!["spec"]!.AsObject();
        Assert.Equal(50, spec["maxWeight"]!.GetValue<long>());
        Assert.False(spec.ContainsKey("mode"));
        Assert.True(spec.ContainsKey("note"));
        Assert.Null(spec["note"]);
    }

    [Fact]
    public void Default_returns_a_copy_and_ApplyInPlace_changes_the_value()
    {
        var input = Node("""{"spec": {}}""");

        var copy = SchemaDefaulter.Default(input, Widget);
        Assert.Equal("""{"spec":{}}""", input.ToJsonString());
        Assert.Equal("""{"spec":{"color":"green"}}""", copy!.ToJsonString());

        SchemaDefaulter.ApplyInPlace(input, Widget);
        Assert.Equal("""{"spec":{"color":"green"}}""", input.ToJsonString());
    }

    [Fact]
    public void Defaults_are_cloned_so_objects_do_not_share_nodes()
    {
        var first = SchemaDefaulter.Default(Node("""{"spec": {}}"""), _rollout)!;
        var second = SchemaDefaulter.Default(Node("""{"spec": {}}"""), _rollout)!;

        first["spec"]!["strategy"]!["steps"] = 9;

        Assert.Equal(3, second["spec"]!["strategy"]!["steps"]!.GetValue<long>());
        Assert.Equal(3, _rollout.Properties["spec"].Properties["strategy"].Properties["steps"].Default!.GetValue<long>());
    }
}
