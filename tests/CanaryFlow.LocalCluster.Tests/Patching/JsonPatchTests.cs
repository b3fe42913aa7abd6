using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Patching;

namespace CanaryFlow.LocalCluster.Tests.Patching;

public class JsonPatchTests
{
    [Theory]
    [InlineData("""{"colour":"red"}""", """[{"op":"add","path":"/size","value":"L"}]""", """{"colour":"red","size":"L"}""")]
    [InlineData("""{"tags":["a","c"]}""", """[{"op":"add","path":"/tags/1","value":"b"}]""", """{"tags":["a","b","c"]}""")]
    [InlineData("""{"colour":"red","size":"L"}""", """[{"op":"remove","path":"/size"}]""", """{"colour":"red"}""")]
    [InlineData("""{"tags":["a","b","c"]}""", """[{"op":"remove","path":"/tags/1"}]""", """{"tags":["a","c"]}""")]
    [InlineData("""{"colour":"red","size":"L"}""", """[{"op":"replace","path":"/colour","value":"blue"}]""", """{"colour":"blue","size":"L"}""")]
    [InlineData(
        """{"left":{"item":"x","keep":1},"right":{"other":2}}""",
        """[{"op":"move","from":"/left/item","path":"/right/item"}]""",
        """{"left":{"keep":1},"right":{"other":2,"item":"x"}}""")]
    [InlineData(
        """{"steps":["one","two","three","four"]}""",
        """[{"op":"move","from":"/steps/1","path":"/steps/3"}]""",
        """{"steps":["one","three","four","two"]}""")]
    [InlineData(
        """{"n":"x","list":[1,2]}""",
        """[{"op":"test","path":"/n","value":"x"},{"op":"test","path":"/list","value":[1,2]}]""",
        """{"n":"x","list":[1,2]}""")]
    [InlineData("""{"a":"b"}""", """[{"op":"add","path":"/child","value":{"grand":"c"}}]""", """{"a":"b","child":{"grand":"c"}}""")]
    [InlineData("""{}""", """[{"op":"add","path":"/x","value":1,"comment":"ignored"}]""", """{"x":1}""")]
    [InlineData("""{"/":1,"~1":2}""", """[{"op":"test","path":"/~01","value":2},{"op":"add","path":"/a~1b","value":3}]""", """{"/":1,"~1":2,"a/b":3}""")]
    [InlineData("""{"list":["x"]}""", """[{"op":"add","path":"/list/-","value":["y","z"]}]""", """{"list":["x",["y","z"]]}""")]
    public void Applies_the_rfc_6902_appendix_a_style_examples(string document, string patch, string expected) =>
        JsonAssert.Equal(expected, JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch)));

    [Theory]
    [InlineData("""{"n":"x"}""", """[{"op":"test","path":"/n","value":"y"}]""")]
    [InlineData("""{"a":"b"}""", """[{"op":"add","path":"/missing/child","value":1}]""")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":"10"}]""")]
    [InlineData("""{"a":1}""", """[{"path":"/a","value":2}]""")]
    [InlineData("""{"a":1}""", """[{"op":"increment","path":"/a","value":2}]""")]
    [InlineData("""{"a":1}""", """[{"op":"add","value":2}]""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/b"}]""")]
    [InlineData("""{"a":1}""", """[{"op":"move","path":"/b"}]""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"a","value":2}]""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/a~2","value":2}]""")]
    [InlineData("""{"a":1}""", """[{"op":"remove","path":"/b"}]""")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"/b","value":2}]""")]
    [InlineData("""{"a":1}""", """[{"op":"test","path":"/b","value":null}]""")]
    [InlineData("""{"a":1}""", """[{"op":"remove","path":""}]""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/a/b","value":2}]""")]
    [InlineData("""{"l":[1,2]}""", """[{"op":"add","path":"/l/3","value":3}]""")]
    [InlineData("""{"l":[1,2]}""", """[{"op":"add","path":"/l/01","value":3}]""")]
    [InlineData("""{"l":[1,2]}""", """[{"op":"add","path":"/l/-1","value":3}]""")]
    [InlineData("""{"l":[1,2]}""", """[{"op":"remove","path":"/l/2"}]""")]
    [InlineData("""{"l":[1,2]}""", """[{"op":"remove","path":"/l/-"}]""")]
    [InlineData("""{"l":[1,2]}""", """[{"op":"replace","path":"/l/00","value":3}]""")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""")]
    [InlineData("""{"a":1}""", """[{"op":"copy","from":"/missing","path":"/b"}]""")]
    public void Rejects_operations_that_cannot_be_applied(string document, string patch) =>
        Assert.Throws<PatchApplicationException>(() => JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch)));

    [Fact]
    public void A_failing_test_op_stops_the_patch_like_the_recorded_server_exchange()
    {
        var document = JsonNode.Parse("""{"spec":{"size":5}}""");
        var patch = JsonNode.Parse("""[{"op":"test","path":"/spec/size","value":77},{"op":"replace","path":"/spec/size","value":6}]""");

        var error = Assert.Throws<PatchApplicationException>(() => JsonPatch.Apply(document, patch));

        Assert.Contains("/spec/size", error.Message, StringComparison.Ordinal);
        JsonAssert.Equal("""{"spec":{"size":5}}""", document);
    }

    [Theory]
    [InlineData("""{"n":1}""", """1.0""")]
    [InlineData("""{"n":10}""", """1e1""")]
    [InlineData("""{"n":{"a":1,"b":[true,null]}}""", """{"b":[true,null],"a":1.00}""")]
    public void Test_compares_json_values_not_text(string document, string value)
    {
        var patch = new JsonArray(new JsonObject { ["op"] = "test", ["path"] = "/n", ["value"] = JsonNode.Parse(value) });

        JsonAssert.Equal(document, JsonPatch.Apply(JsonNode.Parse(document), patch));
    }

    [Theory]
    [InlineData("""{"l":[1,2]}""", """[{"op":"add","path":"/l/2","value":3}]""", """{"l":[1,2,3]}""")]
    [InlineData("""{"l":[1,2]}""", """[{"op":"add","path":"/l/-","value":3}]""", """{"l":[1,2,3]}""")]
    [InlineData("""{"l":[1,2]}""", """[{"op":"add","path":"/l/0","value":0}]""", """{"l":[0,1,2]}""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/a","value":null}]""", """{"a":null}""")]
    [InlineData("""{"a":1}""", """[{"op":"move","from":"/a","path":"/a"}]""", """{"a":1}""")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"","value":[1]}]""", """[1]""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"","value":{"b":2}}]""", """{"b":2}""")]
    [InlineData("""{"":{"x":1}}""", """[{"op":"replace","path":"/","value":2}]""", """{"":2}""")]
    [InlineData(
        """{"a":{"b":1}}""",
        """[{"op":"copy","from":"/a","path":"/c"},{"op":"replace","path":"/c/b","value":2}]""",
        """{"a":{"b":1},"c":{"b":2}}""")]
    [InlineData("""{"a":1}""", """[]""", """{"a":1}""")]
    public void Handles_array_positions_null_values_and_the_root(string document, string patch, string expected) =>
        JsonAssert.Equal(expected, JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch)));

    [Fact]
    public void A_null_document_can_only_be_replaced_as_a_whole()
    {
        JsonAssert.Equal("""{"a":1}""", JsonPatch.Apply(null, JsonNode.Parse("""[{"op":"add","path":"","value":{"a":1}}]""")));
        Assert.Throws<PatchApplicationException>(() => JsonPatch.Apply(null, JsonNode.Parse("""[{"op":"add","path":"/a","value":1}]""")));
    }

    [Theory]
    [InlineData("""{"op":"add","path":"/a","value":1}""")]
    [InlineData("""[{"op":"add","path":"/a","value":1},"remove"]""")]
    [InlineData("""[[]]""")]
    [InlineData("""null""")]
    [InlineData("""[null]""")]
    public void A_patch_that_is_not_an_array_of_objects_is_a_format_error(string patch) =>
        Assert.Throws<PatchFormatException>(() => JsonPatch.Apply(JsonNode.Parse("{}"), JsonNode.Parse(patch)));

    [Fact]
    public void More_than_ten_thousand_operations_is_too_large()
    {
        static JsonArray Tests(int count) =>
            new(Enumerable.Range(0, count).Select(_ => (JsonNode?)JsonNode.Parse("""{"op":"test","path":"/a","value":1}""")).ToArray());
        var document = JsonNode.Parse("""{"a":1}""");

        JsonAssert.Equal("""{"a":1}""", JsonPatch.Apply(document, Tests(JsonPatch.MaxOperations)));
        Assert.Throws<PatchTooLargeException>(() => JsonPatch.Apply(document, Tests(JsonPatch.MaxOperations + 1)));
    }

    [Fact]
    public void Leaves_its_inputs_alone_and_shares_no_nodes_with_them()
    {
        var document = JsonNode.Parse("""{"spec":{"steps":[{"weight":10}]},"keep":{"x":1}}""");
        var patch = JsonNode.Parse("""
            [{"op":"add","path":"/spec/steps/-","value":{"weight":50}},
             {"op":"copy","from":"/keep","path":"/copied"},
             {"op":"move","from":"/spec/steps/0","path":"/first"},
             {"op":"remove","path":"/keep/x"}]
            """);
        var documentBefore = JsonAssert.Compact(document);
        var patchBefore = JsonAssert.Compact(patch);

        var result = JsonPatch.Apply(document, patch)!;
        result["spec"]!["steps"]![0]!["weight"] = 99;
        result["copied"]!["x"] = 99;

        Assert.Equal(documentBefore, JsonAssert.Compact(document));
        Assert.Equal(patchBefore, JsonAssert.Compact(patch));
    }
}
