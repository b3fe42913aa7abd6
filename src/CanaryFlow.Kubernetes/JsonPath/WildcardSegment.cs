using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.JsonPath;

/// <summary><c>.*</c> or <c>[*]</c>: every element of an array, every member value of an object (in document order).</summary>
internal sealed class WildcardSegment : JsonPathSegment
{
    public override IEnumerable<JsonNode?> Select(JsonNode? node, JsonNode? root) =>
        node switch
        {
            JsonArray array => array,
            JsonObject obj => obj.Select(member => member.Value),
            _ => [],
        };
}
