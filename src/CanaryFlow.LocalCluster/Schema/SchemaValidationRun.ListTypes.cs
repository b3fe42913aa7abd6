using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// The <c>x-kubernetes-list-type</c> invariants apiextensions checks after schema validation: set items and map keys
/// are unique. Only the second occurrence of a repeated value is reported, on the item's index.
/// </summary>
internal sealed partial class SchemaValidationRun
{
    private void CheckListType(JsonArray array, StructuralSchema schema, List<FieldError> sink)
    {
        if (schema.ListType == "map")
        {
            CheckListMap(array, schema.ListMapKeys, sink);
            return;
        }

        if (array.Count <= 1)
        {
            return;
        }

        var seen = new Dictionary<string, int>(array.Count, StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            if (CountOccurrence(seen, ListItemKeys.OfValue(array[i])) == 2)
            {
                sink.Add(FieldError.Duplicate(_path.FieldPathOfItem(i), array[i]?.DeepClone()));
            }
        }
    }

    private void CheckListMap(JsonArray array, IReadOnlyList<string> keyFields, List<FieldError> sink)
    {
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is { } item and not JsonObject)
            {
                sink.Add(FieldError.Invalid(_path.FieldPathOfItem(i), item.DeepClone(), "must be an object for an array of list-type map"));
                return;
            }
        }

        if (array.Count <= 1 || keyFields.Count == 0)
        {
            return;
        }

        var seen = new Dictionary<string, int>(array.Count, StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            if (CountOccurrence(seen, ListItemKeys.OfMapItem(array[i], keyFields)) == 2)
            {
                sink.Add(FieldError.Duplicate(_path.FieldPathOfItem(i), ListItemKeys.KeyObject(array[i], keyFields)));
            }
        }
    }

    private static int CountOccurrence(Dictionary<string, int> seen, string key)
    {
        seen.TryGetValue(key, out var count);
        seen[key] = ++count;
        return count;
    }
}
