using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Schema;

namespace CanaryFlow.LocalCluster.Patching;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) as k8s.io/apimachinery's strategicpatch applies
/// it on the server: a JSON merge patch whose lists merge by the schema's <c>x-kubernetes-patch-strategy</c> and
/// <c>x-kubernetes-patch-merge-key</c>, plus the <c>$patch</c>, <c>$retainKeys</c>, <c>$deleteFromPrimitiveList</c> and
/// <c>$setElementOrder</c> directives kubectl sends.
/// </summary>
public static class StrategicMergePatch
{
    /// <summary>
    /// Applies <paramref name="patch"/> to a copy of <paramref name="original"/>, looking up each field's patch strategy in
    /// <paramref name="schema"/> (the schema of the whole object). Neither argument is modified.
    /// </summary>
    /// <exception cref="PatchApplicationException">A directive is malformed or the patch cannot be merged.</exception>
    public static JsonNode Apply(JsonObject original, JsonObject patch, StructuralSchema schema)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentNullException.ThrowIfNull(schema);
        return MergeMap(original.DeepClone().AsObject(), patch, schema);
    }

    /// <summary>
    /// Merges <paramref name="patch"/> into <paramref name="original"/>, which the caller owns and which is edited in place.
    /// Returns <paramref name="original"/>, or a new map when a <c>$patch</c> directive replaces or deletes it.
    /// </summary>
    internal static JsonObject MergeMap(JsonObject original, JsonObject patch, StructuralSchema? schema)
    {
        if (StrategicDirective.TryGetPatchDirective(patch, out var directive))
        {
            return directive switch
            {
                StrategicDirective.Replace => LiteralPatchValue.CreateMap(patch),

                // apimachinery leaves an empty map rather than removing the field.
                StrategicDirective.Delete => new JsonObject(),
                _ => throw new PatchApplicationException($"unknown patch type \"{directive}\" in map {patch.ToJsonString()}"),
            };
        }

        RetainKeysDirective.Apply(original, patch);
        var handled = new HashSet<string>(StringComparer.Ordinal) { StrategicDirective.RetainKeysKey };
        ElementOrderDirective.Apply(original, patch, schema, handled);
        foreach (var (key, value) in patch)
        {
            if (!handled.Contains(key))
            {
                MergeField(original, key, value, schema);
            }
        }

        return original;
    }

    private static void MergeField(JsonObject original, string key, JsonNode? patchValue, StructuralSchema? schema)
    {
        var isDeleteList = key.StartsWith(StrategicDirective.DeleteFromPrimitiveListPrefix, StringComparison.Ordinal);
        var field = isDeleteList ? StrategicDirective.FieldOf(key, StrategicDirective.DeleteFromPrimitiveListPrefix) : key;
        if (patchValue is null)
        {
            original.Remove(field);
            return;
        }

        if (!original.TryGetPropertyValue(field, out var originalValue)
            || JsonNodeKind.Of(originalValue) != JsonNodeKind.Of(patchValue))
        {
            // Nothing to merge with. A deletion list has nothing to delete from, so it is dropped rather than stored.
            if (!isDeleteList)
            {
                SetLiteral(original, field, patchValue);
            }

            return;
        }

        var metadata = FieldPatchMetadata.For(schema, field);
        switch (patchValue)
        {
            case JsonObject patchMap:
                original[field] = metadata.ReplacesMap
                    ? LiteralPatchValue.CreateMap(patchMap)
                    : MergeMap((JsonObject)originalValue!, patchMap, metadata.Schema);
                break;
            case JsonArray patchList:
                original[field] = metadata.MergesList
                    ? StrategicListMerge.Merge((JsonArray)originalValue!, patchList, metadata.ItemSchema, metadata.MergeKey, isDeleteList)
                    : LiteralPatchValue.CreateList(patchList);
                break;
            default:
                original[field] = patchValue.DeepClone();
                break;
        }
    }

    private static void SetLiteral(JsonObject original, string field, JsonNode patchValue)
    {
        if (LiteralPatchValue.TryCreate(patchValue, out var value))
        {
            original[field] = value;
        }
        else
        {
            original.Remove(field);
        }
    }
}
