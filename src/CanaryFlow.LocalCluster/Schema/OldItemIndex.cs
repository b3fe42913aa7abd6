using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// Finds the old item an array item correlates with, as validation ratcheting does: list-type map items by their key
/// fields, list-type set items by value; atomic lists do not correlate their items.
/// </summary>
internal sealed class OldItemIndex
{
    private readonly Dictionary<string, JsonNode?> _items;
    private readonly StructuralSchema _schema;

    private OldItemIndex(Dictionary<string, JsonNode?> items, StructuralSchema schema)
    {
        _items = items;
        _schema = schema;
    }

    public static OldItemIndex? Create(JsonArray oldArray, StructuralSchema listSchema)
    {
        var isMap = listSchema.ListType == "map" && listSchema.ListMapKeys.Count > 0;
        if (!isMap && listSchema.ListType != "set")
        {
            return null;
        }

        var items = new Dictionary<string, JsonNode?>(oldArray.Count, StringComparer.Ordinal);
        foreach (var item in oldArray)
        {
            items.TryAdd(KeyOf(item, listSchema, isMap), item);
        }

        return new OldItemIndex(items, listSchema);
    }

    public OldValue Find(JsonNode? item)
    {
        var isMap = _schema.ListType == "map";
        return _items.TryGetValue(KeyOf(item, _schema, isMap), out var old) ? new OldValue(old, true) : OldValue.None;
    }

    private static string KeyOf(JsonNode? item, StructuralSchema listSchema, bool isMap) =>
        isMap ? ListItemKeys.OfMapItem(item, listSchema.ListMapKeys) : ListItemKeys.OfValue(item);
}
