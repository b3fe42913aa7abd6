using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Json;

/// <summary>
/// Semantic equality of JSON values: object member order does not matter, numbers compare by value
/// (so <c>1</c> equals <c>1.0</c>), strings ordinally.
/// </summary>
public static class JsonValueEquality
{
    public static bool AreEqual(JsonNode? a, JsonNode? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        var typeA = JsonNodeTypes.Of(a);
        var typeB = JsonNodeTypes.Of(b);
        switch (typeA)
        {
            case JsonNodeType.Null:
                return typeB == JsonNodeType.Null;
            case JsonNodeType.Object:
                return typeB == JsonNodeType.Object && ObjectsEqual((JsonObject)a!, (JsonObject)b!);
            case JsonNodeType.Array:
                return typeB == JsonNodeType.Array && ArraysEqual((JsonArray)a!, (JsonArray)b!);
            case JsonNodeType.String:
                return typeB == JsonNodeType.String &&
                    string.Equals(JsonNodeTypes.GetString(a), JsonNodeTypes.GetString(b), StringComparison.Ordinal);
            case JsonNodeType.Boolean:
                return typeB == JsonNodeType.Boolean && a!.GetValue<bool>() == b!.GetValue<bool>();
            case JsonNodeType.Integer when typeB == JsonNodeType.Integer:
                JsonNodeTypes.TryGetInteger(a, out var la);
                JsonNodeTypes.TryGetInteger(b, out var lb);
                return la == lb;
            case JsonNodeType.Integer or JsonNodeType.Number:
                return typeB is JsonNodeType.Integer or JsonNodeType.Number &&
                    JsonNodeTypes.GetNumber(a) == JsonNodeTypes.GetNumber(b);
            default:
                return false;
        }
    }

    private static bool ObjectsEqual(JsonObject a, JsonObject b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetPropertyValue(key, out var other) || !AreEqual(value, other))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ArraysEqual(JsonArray a, JsonArray b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!AreEqual(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
