using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Schema;

namespace CanaryFlow.LocalCluster.Patching;

/// <summary>
/// Merges a list whose field has the <c>merge</c> patch strategy: maps by merge key (with <c>$patch</c> list elements),
/// primitives as a union, or, for a <c>$deleteFromPrimitiveList</c> key, primitives by removal.
/// </summary>
internal static class StrategicListMerge
{
    /// <summary>Consumes <paramref name="original"/> (it is left empty) and returns the merged list as a new array.</summary>
    public static JsonArray Merge(
        JsonArray original, JsonArray patch, StructuralSchema? itemSchema, string? mergeKey, bool isDeleteList)
    {
        var originalItems = ListElements.Detach(original);
        var patchItems = patch.ToList();
        if (ListElements.CommonKind(originalItems, patchItems) is not { } kind)
        {
            return [];
        }

        var merged = kind == JsonKind.Object
            ? MergeMaps(originalItems, patchItems, itemSchema, mergeKey)
            : MergePrimitives(originalItems, patchItems, mergeKey, kind, isDeleteList);
        return new JsonArray(merged.ToArray());
    }

    private static List<JsonNode?> MergePrimitives(
        List<JsonNode?> original, List<JsonNode?> patch, string? mergeKey, JsonKind kind, bool isDeleteList)
    {
        if (isDeleteList)
        {
            return original.Where(element => !patch.Any(deleted => JsonNode.DeepEquals(element, deleted))).ToList();
        }

        var union = new List<JsonNode?>();
        foreach (var element in original.Concat(patch))
        {
            if (!union.Any(kept => JsonNode.DeepEquals(kept, element)))
            {
                union.Add(element?.Parent is null ? element : element.DeepClone());
            }
        }

        return StrategicListOrder.Arrange(union, patch, original, mergeKey, kind);
    }

    private static List<JsonNode?> MergeMaps(
        List<JsonNode?> original, List<JsonNode?> patch, StructuralSchema? itemSchema, string? mergeKey)
    {
        if (string.IsNullOrEmpty(mergeKey))
        {
            throw new PatchApplicationException("cannot merge a list of maps without a merge key");
        }

        var (remaining, regularPatch) = ApplySpecialElements(original, patch, mergeKey);
        var merged = new List<JsonNode?>(remaining);
        foreach (var element in regularPatch)
        {
            var patchMap = (JsonObject)element!;
            var key = ListElements.RequireMergeKey(patchMap, mergeKey);

            // Searching the growing result (not just the live list) lets a later patch element merge into an earlier new one.
            var index = merged.FindIndex(candidate => ListElements.HasMergeKeyValue(candidate, mergeKey, key));
            if (index >= 0)
            {
                merged[index] = StrategicMergePatch.MergeMap((JsonObject)merged[index]!, patchMap, itemSchema);
            }
            else
            {
                merged.Add(LiteralPatchValue.CreateMap(patchMap));
            }
        }

        return StrategicListOrder.Arrange(merged, regularPatch, remaining, mergeKey, JsonKind.Object);
    }

    /// <summary>
    /// Acts on the list elements that carry <c>$patch</c>: "delete" drops live elements with that merge key, "replace"
    /// makes the other patch elements the whole list. Returns the live elements left and the patch elements still to merge.
    /// </summary>
    private static (List<JsonNode?> Remaining, List<JsonNode?> RegularPatch) ApplySpecialElements(
        List<JsonNode?> original, List<JsonNode?> patch, string mergeKey)
    {
        var remaining = original;
        var regular = new List<JsonNode?>();
        var replace = false;
        foreach (var element in patch)
        {
            var map = (JsonObject)element!;
            if (!StrategicDirective.TryGetPatchDirective(map, out var directive))
            {
                regular.Add(map);
                continue;
            }

            switch (directive)
            {
                case StrategicDirective.Delete:
                    var key = ListElements.RequireMergeKey(map, mergeKey);
                    remaining = remaining.Where(candidate => !ListElements.HasMergeKeyValue(candidate, mergeKey, key)).ToList();
                    break;
                case StrategicDirective.Replace:
                    replace = true;
                    break;
                case StrategicDirective.Merge:
                    throw new PatchApplicationException("merging lists cannot yet be specified in the patch ($patch: merge in a list element)");
                default:
                    throw new PatchApplicationException($"unknown patch type \"{directive}\" in list element {map.ToJsonString()}");
            }
        }

        return replace ? (LiteralPatchValue.CreateItems(regular), []) : (remaining, regular);
    }
}
