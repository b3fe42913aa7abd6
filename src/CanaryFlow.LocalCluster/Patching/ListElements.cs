using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Patching;

/// <summary>What strategic merge needs to know about the elements of a list: their common kind and their merge keys.</summary>
internal static class ListElements
{
    /// <summary>
    /// Empties <paramref name="list"/> and returns its elements, free to be placed into a new list (a node has one parent).
    /// </summary>
    public static List<JsonNode?> Detach(JsonArray list)
    {
        var items = list.ToList();
        list.Clear();
        return items;
    }

    /// <summary>The one kind all elements share, or null when there are none; mixed kinds and nested lists cannot be merged.</summary>
    public static JsonKind? CommonKind(IEnumerable<JsonNode?> original, IEnumerable<JsonNode?> patch)
    {
        JsonKind? common = null;
        foreach (var element in original.Concat(patch))
        {
            var kind = JsonNodeKind.Of(element);
            if (kind == JsonKind.Array)
            {
                throw new PatchApplicationException("strategic merge patch does not support lists of lists");
            }

            if (common is not null && common != kind)
            {
                throw new PatchApplicationException($"list element types are not identical: {common} and {kind}");
            }

            common = kind;
        }

        return common;
    }

    /// <summary>The merge key value of a list element that must be a map carrying the key.</summary>
    public static JsonNode? RequireMergeKey(JsonNode? element, string mergeKey)
    {
        if (element is JsonObject map && map.TryGetPropertyValue(mergeKey, out var value))
        {
            return value;
        }

        throw new PatchApplicationException(
            $"list element {element?.ToJsonString() ?? "null"} does not contain declared merge key \"{mergeKey}\"");
    }

    public static bool HasMergeKeyValue(JsonNode? element, string mergeKey, JsonNode? value) =>
        element is JsonObject map && map.TryGetPropertyValue(mergeKey, out var own) && JsonNode.DeepEquals(own, value);

    /// <summary>Position of the element with the same identity (merge key value, or the value itself for primitives), or -1.</summary>
    public static int IndexOfSame(IReadOnlyList<JsonNode?> list, JsonNode? element, string? mergeKey)
    {
        var identity = Identity(element, mergeKey);
        for (var i = 0; i < list.Count; i++)
        {
            if (JsonNode.DeepEquals(Identity(list[i], mergeKey), identity))
            {
                return i;
            }
        }

        return -1;
    }

    private static JsonNode? Identity(JsonNode? element, string? mergeKey) =>
        string.IsNullOrEmpty(mergeKey) ? element : (element as JsonObject)?[mergeKey];
}
