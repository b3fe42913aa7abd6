using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Tests.Patching;

/// <summary>Compares JSON by its compact text, so member and element order count: patch results must keep the real order.</summary>
internal static class JsonAssert
{
    public static void Equal(string expectedJson, JsonNode? actual) =>
        Assert.Equal(Compact(JsonNode.Parse(expectedJson)), Compact(actual));

    public static string Compact(JsonNode? node) => node?.ToJsonString() ?? "null";
}
