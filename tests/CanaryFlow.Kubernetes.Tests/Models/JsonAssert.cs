using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.Tests.Models;

internal static class JsonAssert
{
    /// <summary>
    /// Asserts two documents hold the same data. Null-valued members are dropped from both first: the models leave
    /// nulls out on writing, and to the API server an explicit null and an absent member mean the same thing.
    /// Member order does not matter; array order does.
    /// </summary>
    public static void Equivalent(string expected, string actual)
    {
        var expectedNode = WithoutNullMembers(JsonNode.Parse(expected));
        var actualNode = WithoutNullMembers(JsonNode.Parse(actual));

        Assert.True(
            JsonNode.DeepEquals(expectedNode, actualNode),
            $"JSON differs.\nexpected: {expectedNode?.ToJsonString()}\nactual:   {actualNode?.ToJsonString()}");
    }

    public static JsonNode? WithoutNullMembers(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(name);
                }

                foreach (var (_, value) in obj)
                {
                    WithoutNullMembers(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    WithoutNullMembers(item);
                }

                break;
        }

        return node;
    }
}
