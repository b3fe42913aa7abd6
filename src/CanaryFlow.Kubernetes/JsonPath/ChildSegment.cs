using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.JsonPath;

/// <summary><c>.name</c> or <c>['name']</c>: the member of an object.</summary>
internal sealed class ChildSegment(string name) : JsonPathSegment
{
    public override IEnumerable<JsonNode?> Select(JsonNode? node, JsonNode? root)
    {
        if (node is JsonObject obj && obj.TryGetPropertyValue(name, out var child))
        {
            yield return child;
        }
    }
}
