using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Patching;

namespace CanaryFlow.LocalCluster.Tests.Patching;

public class JsonMergePatchTests
{
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", """null""", """null""")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Applies_the_rfc_7386_appendix_examples(string target, string patch, string expected) =>
        JsonAssert.Equal(expected, JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch)));

    [Fact]
    public void Merges_a_spec_field_like_the_recorded_server_exchange()
    {
        var widget = JsonNode.Parse("""
            {"apiVersion":"bars.example.com/v1","kind":"Widget","metadata":{"name":"w1","labels":{"tier":"gold"}},
             "spec":{"color":"green","size":3}}
            """);

        var result = JsonMergePatch.Apply(widget, JsonNode.Parse("""{"spec": {"size": 5}}"""));

        JsonAssert.Equal("""
            {"apiVersion":"bars.example.com/v1","kind":"Widget","metadata":{"name":"w1","labels":{"tier":"gold"}},
             "spec":{"color":"green","size":5}}
            """, result);
    }

    [Fact]
    public void Arrays_replace_wholesale()
    {
        var result = JsonMergePatch.Apply(
            JsonNode.Parse("""{"metadata":{"finalizers":["a","b"]}}"""),
            JsonNode.Parse("""{"metadata":{"finalizers":["c"]}}"""));

        JsonAssert.Equal("""{"metadata":{"finalizers":["c"]}}""", result);
    }

    [Fact]
    public void Leaves_its_inputs_alone_and_shares_no_nodes_with_them()
    {
        var target = JsonNode.Parse("""{"spec":{"steps":[{"weight":10}],"paused":true},"status":{"phase":"Progressing"}}""");
        var patch = JsonNode.Parse("""{"spec":{"paused":null,"steps":[{"weight":20}]},"status":{"new":{"x":1}}}""");
        var targetBefore = JsonAssert.Compact(target);
        var patchBefore = JsonAssert.Compact(patch);

        var result = JsonMergePatch.Apply(target, patch)!;
        result["spec"]!["steps"]![0]!["weight"] = 99;
        result["status"]!["phase"] = "changed";
        result["status"]!["new"]!["x"] = 99;

        Assert.Equal(targetBefore, JsonAssert.Compact(target));
        Assert.Equal(patchBefore, JsonAssert.Compact(patch));
    }
}
