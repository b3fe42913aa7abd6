using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.JsonPath;

/// <summary>
/// <c>..step</c>: applies the step to the node and to every node below it, parents before children.
/// </summary>
internal sealed class RecursiveDescentSegment(JsonPathSegment step) : JsonPathSegment
{
    public override IEnumerable<JsonNode?> Select(JsonNode? node, JsonNode? root) =>
        SelfAndDescendants(node).SelectMany(descendant => step.Select(descendant, root));

    private static IEnumerable<JsonNode?> SelfAndDescendants(JsonNode? node)
    {
        yield return node;
        var children = node switch
        {
            JsonArray array => array,
            JsonObject obj => obj.Select(member => member.Value),
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var descendant in SelfAndDescendants(child))
            {
                yield return descendant;
            }
        }
    }
}
