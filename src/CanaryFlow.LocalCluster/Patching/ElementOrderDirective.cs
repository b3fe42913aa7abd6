using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Schema;

namespace CanaryFlow.LocalCluster.Patching;

/// <summary>
/// <c>$setElementOrder/&lt;field&gt;</c>: kubectl apply lists the merge keys (or values) of the whole list as the user
/// wrote it, so the server can merge the patch list and then restore the user's order, keeping server-only elements in
/// their live positions.
/// </summary>
internal static class ElementOrderDirective
{
    /// <summary>
    /// Merges every list that has an order directive in <paramref name="patch"/> and records the directive keys and list
    /// fields it consumed in <paramref name="handled"/>, so the ordinary field merge skips them.
    /// </summary>
    public static void Apply(JsonObject original, JsonObject patch, StructuralSchema? schema, ISet<string> handled)
    {
        foreach (var (key, directive) in patch)
        {
            if (!key.StartsWith(StrategicDirective.SetElementOrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            handled.Add(key);
            var field = StrategicDirective.FieldOf(key, StrategicDirective.SetElementOrderPrefix);
            if (directive is not JsonArray order)
            {
                throw new PatchApplicationException($"\"{key}\" must be a list");
            }

            var originalList = ListAt(original, field, "the object");
            var patchList = ListAt(patch, field, "the patch");
            if (originalList is null && patchList is null)
            {
                continue;
            }

            var metadata = FieldPatchMetadata.For(schema, field);
            ValidatePatchFollowsOrder(patchList, order, metadata.MergeKey);
            var originalItems = originalList?.ToList() ?? [];
            var patchItems = patchList?.ToList() ?? [];
            var kind = ListElements.CommonKind(originalItems, patchItems)
                ?? throw new PatchApplicationException($"\"{key}\" refers to lists with no elements");

            var merged = Merge(originalList, patchList, metadata);
            var arranged = StrategicListOrder.Arrange(merged, order.ToList(), originalItems, metadata.MergeKey, kind);
            original[field] = new JsonArray(arranged.ToArray());
            handled.Add(field);
        }
    }

    private static JsonArray? ListAt(JsonObject map, string field, string where)
    {
        if (!map.TryGetPropertyValue(field, out var value))
        {
            return null;
        }

        return value as JsonArray
            ?? throw new PatchApplicationException($"\"{field}\" in {where} must be a list to be ordered by {StrategicDirective.SetElementOrderPrefix}");
    }

    private static List<JsonNode?> Merge(JsonArray? originalList, JsonArray? patchList, FieldPatchMetadata metadata)
    {
        if (patchList is null)
        {
            return ListElements.Detach(originalList!);
        }

        if (originalList is null || !metadata.MergesList)
        {
            return LiteralPatchValue.CreateItems(patchList);
        }

        return ListElements.Detach(
            StrategicListMerge.Merge(originalList, patchList, metadata.ItemSchema, metadata.MergeKey, isDeleteList: false));
    }

    /// <summary>
    /// The patch list must name a subset of the order list, in the same relative order (deletions aside); otherwise the
    /// two halves of the patch disagree and the real server rejects it.
    /// </summary>
    private static void ValidatePatchFollowsOrder(JsonArray? patchList, JsonArray order, string? mergeKey)
    {
        if (patchList is null || patchList.Count == 0 || order.Count == 0)
        {
            return;
        }

        var kept = string.IsNullOrEmpty(mergeKey)
            ? patchList.ToList()
            : patchList.Select(RequireMap).Where(map => !IsDeletion(map)).Cast<JsonNode?>().ToList();
        int patchIndex = 0, orderIndex = 0;
        while (patchIndex < kept.Count && orderIndex < order.Count)
        {
            if (kept[patchIndex] is JsonObject map && map.ContainsKey(StrategicDirective.PatchKey))
            {
                patchIndex++;
                continue;
            }

            if (SameElement(kept[patchIndex], order[orderIndex], mergeKey))
            {
                patchIndex++;
            }

            orderIndex++;
        }

        if (patchIndex < kept.Count)
        {
            throw new PatchApplicationException(
                $"the order in patch list {patchList.ToJsonString()} doesn't match {StrategicDirective.SetElementOrderPrefix} list {order.ToJsonString()}");
        }
    }

    private static bool SameElement(JsonNode? patchElement, JsonNode? orderElement, string? mergeKey) =>
        string.IsNullOrEmpty(mergeKey)
            ? JsonNode.DeepEquals(patchElement, orderElement)
            : JsonNode.DeepEquals(
                ListElements.RequireMergeKey(patchElement, mergeKey), ListElements.RequireMergeKey(orderElement, mergeKey));

    private static JsonObject RequireMap(JsonNode? element) =>
        element as JsonObject ?? throw new PatchApplicationException($"list element {element?.ToJsonString() ?? "null"} is not a map");

    private static bool IsDeletion(JsonObject map) =>
        StrategicDirective.TryGetPatchDirective(map, out var directive) && directive == StrategicDirective.Delete;
}
