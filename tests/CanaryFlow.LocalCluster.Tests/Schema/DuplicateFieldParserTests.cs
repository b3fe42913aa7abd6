using System.Text;
using System.Text.Json;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Schema;

namespace CanaryFlow.LocalCluster.Tests.Schema;

public class DuplicateFieldParserTests
{
    private static DuplicateFieldParseResult Parse(string json) => DuplicateFieldParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Repeated_keys_are_reported_and_the_last_value_wins()
    {
        var result = Parse("""{"apiVersion": "v1", "spec": {"size": 3, "color": "red", "size": 4}}""");

        Assert.Equal(["spec.size"], result.DuplicateFields);
        Assert.Equal("""{"apiVersion":"v1","spec":{"size":4,"color":"red"}}""", result.Value!.ToJsonString());
    }

    [Fact]
    public void Duplicates_inside_arrays_and_at_the_root_use_kube_paths()
    {
        var result = Parse("""{"kind": "A", "spec": {"ports": [{"name": "a"}, {"name": "b", "name": "c"}]}, "kind": "B", "spec": {"x": {"y": 1, "y": {"z": 2}}}}""");

        Assert.Equal(["spec.ports[1].name", "kind", "spec", "spec.x.y"], result.DuplicateFields);
        Assert.Equal("""{"kind":"B","spec":{"x":{"y":{"z":2}}}}""", result.Value!.ToJsonString());
    }

    [Fact]
    public void Numbers_keep_the_integer_and_float_distinction()
    {
        var result = Parse("""{"a": 3, "b": 3.0, "c": 1e3, "d": 12345678901234567890, "e": null, "f": [true, "s"]}""");

        Assert.Empty(result.DuplicateFields);
        Assert.Equal(JsonNodeType.Integer, JsonNodeTypes.Of(result.Value!["a"]));
        Assert.Equal(JsonNodeType.Number, JsonNodeTypes.Of(result.Value["b"]));
        Assert.Equal(JsonNodeType.Number, JsonNodeTypes.Of(result.Value["c"]));
        Assert.Equal(JsonNodeType.Number, JsonNodeTypes.Of(result.Value["d"]));
        Assert.Null(result.Value["e"]);
        Assert.Equal("""[true,"s"]""", result.Value["f"]!.ToJsonString());
    }

    [Fact]
    public void Scalars_and_empty_documents()
    {
        Assert.Equal("\"x\"", Parse("\"x\"").Value!.ToJsonString());
        Assert.Null(Parse("null").Value);
        Assert.ThrowsAny<JsonException>(() => Parse(""));
        Assert.ThrowsAny<JsonException>(() => Parse("{\"a\": 1} {}"));
        Assert.ThrowsAny<JsonException>(() => Parse("{\"a\": }"));
    }
}
