using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.JsonPath;

/// <summary>
/// One step of a path: from a node to the nodes it selects. A JSON null that is present is selected as a null
/// node; data that is missing is simply not selected.
/// </summary>
internal abstract class JsonPathSegment
{
    /// <param name="node">The node the step starts from.</param>
    /// <param name="root">The document root, for filters that refer to <c>$</c>.</param>
    public abstract IEnumerable<JsonNode?> Select(JsonNode? node, JsonNode? root);

    /// <summary>Applies the steps in turn, each to every node the previous one selected.</summary>
    public static List<JsonNode?> SelectAll(IReadOnlyList<JsonPathSegment> segments, JsonNode? start, JsonNode? root)
    {
        var current = new List<JsonNode?> { start };
        foreach (var segment in segments)
        {
            current = current.SelectMany(node => segment.Select(node, root)).ToList();
        }

        return current;
    }
}
