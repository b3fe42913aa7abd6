using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Patching;

/// <summary>
/// The element order of a merged list, as apimachinery's normalizeElementOrder produces it: elements named by the patch
/// (or by <c>$setElementOrder</c>) take that order, server-only elements keep their live order, and the two runs are
/// interleaved using the live list as the tie-breaker. The exact interleaving is observable (kubectl users see it), so it is
/// reproduced step by step rather than approximated.
/// </summary>
internal static class StrategicListOrder
{
    public static List<JsonNode?> Arrange(
        List<JsonNode?> merged,
        IReadOnlyList<JsonNode?> patchOrder,
        IReadOnlyList<JsonNode?> serverOrder,
        string? mergeKey,
        JsonKind kind)
    {
        var (named, serverOnly) = Partition(merged, patchOrder, mergeKey);
        var sortedNamed = SortBy(named, patchOrder, mergeKey, kind);
        var sortedServerOnly = SortBy(serverOnly, serverOrder, mergeKey, kind);
        return Interleave(sortedServerOnly, sortedNamed, serverOrder, mergeKey);
    }

    private static (List<JsonNode?> Named, List<JsonNode?> ServerOnly) Partition(
        List<JsonNode?> merged, IReadOnlyList<JsonNode?> namedBy, string? mergeKey)
    {
        var named = new List<JsonNode?>();
        var serverOnly = new List<JsonNode?>();
        foreach (var element in merged)
        {
            bool isNamed;
            if (string.IsNullOrEmpty(mergeKey))
            {
                isNamed = namedBy.Any(candidate => JsonNode.DeepEquals(candidate, element));
            }
            else
            {
                var key = ListElements.RequireMergeKey(element, mergeKey);
                isNamed = namedBy.Any(candidate => candidate is JsonObject
                    ? ListElements.HasMergeKeyValue(candidate, mergeKey, key)
                    : throw new PatchApplicationException($"list element {candidate?.ToJsonString() ?? "null"} is not a map"));
            }

            (isNamed ? named : serverOnly).Add(element);
        }

        return (named, serverOnly);
    }

    private static List<JsonNode?> SortBy(List<JsonNode?> toSort, IReadOnlyList<JsonNode?> order, string? mergeKey, JsonKind kind)
    {
        var deletions = new List<JsonNode?>();
        if (kind == JsonKind.Object)
        {
            if (string.IsNullOrEmpty(mergeKey))
            {
                throw new PatchApplicationException("a list of maps without a merge key cannot be ordered");
            }

            foreach (var element in toSort.Concat(order))
            {
                ListElements.RequireMergeKey(element, mergeKey);
            }

            deletions = toSort.Where(IsDeletion).ToList();
            toSort = toSort.Where(element => !IsDeletion(element)).ToList();
        }

        // Every element is found in its order list on the paths that reach here; unknown ones would keep their place last.
        return toSort
            .OrderBy(element => ListElements.IndexOfSame(order, element, mergeKey) is var index and >= 0 ? index : int.MaxValue)
            .Concat(deletions)
            .ToList();
    }

    /// <summary>
    /// Walks both runs, taking the server-only element first only when the live list proves it came before the named one.
    /// </summary>
    private static List<JsonNode?> Interleave(
        List<JsonNode?> serverOnly, List<JsonNode?> named, IReadOnlyList<JsonNode?> serverOrder, string? mergeKey)
    {
        var result = new List<JsonNode?>(serverOnly.Count + named.Count);
        int i = 0, j = 0;
        while (i < serverOnly.Count || j < named.Count)
        {
            if (j >= named.Count)
            {
                result.Add(serverOnly[i++]);
            }
            else if (i >= serverOnly.Count)
            {
                result.Add(named[j++]);
            }
            else
            {
                var left = ListElements.IndexOfSame(serverOrder, serverOnly[i], mergeKey);
                var right = ListElements.IndexOfSame(serverOrder, named[j], mergeKey);
                result.Add(left >= 0 && right >= 0 && left < right ? serverOnly[i++] : named[j++]);
            }
        }

        return result;
    }

    private static bool IsDeletion(JsonNode? element) =>
        element is JsonObject map
        && StrategicDirective.TryGetPatchDirective(map, out var directive)
        && directive == StrategicDirective.Delete;
}
