using System.Globalization;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// Identity of list items as apiextensions compares them for <c>x-kubernetes-list-type</c> set and map: scalars by
/// Go value (an int64 and a float64 differ), objects and arrays by their JSON encoding.
/// </summary>
internal static class ListItemKeys
{
    private const string _unspecified = "u";

    /// <summary>The identity of a whole item (list-type set).</summary>
    public static string OfValue(JsonNode? value) => JsonNodeTypes.Of(value) switch
    {
        JsonNodeType.Null => "n",
        JsonNodeType.Boolean => value!.GetValue<bool>() ? "b:t" : "b:f",
        JsonNodeType.Integer => "i:" + IntegerText(value),
        JsonNodeType.Number => "f:" + JsonNodeTypes.GetNumber(value).ToString("R", CultureInfo.InvariantCulture),
        JsonNodeType.String => "s:" + JsonNodeTypes.GetString(value),
        _ => "j:" + GoValueFormatter.Json(value),
    };

    /// <summary>The identity of an item of a list-type map: the values of its key fields.</summary>
    public static string OfMapItem(JsonNode? item, IReadOnlyList<string> keyFields)
    {
        if (keyFields.Count == 1)
        {
            return item is JsonObject obj && obj.TryGetPropertyValue(keyFields[0], out var key) ? OfValue(key) : _unspecified;
        }

        return "j:" + GoValueFormatter.Json(KeyObject(item, keyFields));
    }

    /// <summary>The value a Duplicate error shows for a list-type map item: an object of its key fields.</summary>
    public static JsonObject KeyObject(JsonNode? item, IReadOnlyList<string> keyFields)
    {
        var keys = new JsonObject();
        if (item is not JsonObject obj)
        {
            return keys;
        }

        foreach (var field in keyFields)
        {
            if (obj.TryGetPropertyValue(field, out var value))
            {
                keys[field] = value?.DeepClone();
            }
        }

        return keys;
    }

    private static string IntegerText(JsonNode? value)
    {
        JsonNodeTypes.TryGetInteger(value, out var l);
        return l.ToString(CultureInfo.InvariantCulture);
    }
}
