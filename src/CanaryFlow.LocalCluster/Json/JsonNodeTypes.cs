using System.Text.Json;
using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Json;

/// <summary>Classifies <see cref="JsonNode"/>s and reads their numbers the way Kubernetes' JSON decoding does.</summary>
public static class JsonNodeTypes
{
    public static JsonNodeType Of(JsonNode? node) => node switch
    {
        null => JsonNodeType.Null,
        JsonObject => JsonNodeType.Object,
        JsonArray => JsonNodeType.Array,
        JsonValue value => OfValue(value),
        _ => JsonNodeType.Null,
    };

    /// <summary>The OpenAPI type name of a value (<c>object</c>, <c>integer</c>, ...), as kube-openapi reports it.</summary>
    public static string SchemaTypeName(JsonNodeType type) => type switch
    {
        JsonNodeType.Object => "object",
        JsonNodeType.Array => "array",
        JsonNodeType.String => "string",
        JsonNodeType.Integer => "integer",
        JsonNodeType.Number => "number",
        JsonNodeType.Boolean => "boolean",
        _ => "null",
    };

    public static bool TryGetInteger(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue v)
        {
            return false;
        }

        if (v.TryGetValue(out JsonElement element))
        {
            return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
        }

        if (v.TryGetValue(out long l))
        {
            value = l;
            return true;
        }

        if (v.TryGetValue(out int i))
        {
            value = i;
            return true;
        }

        if (v.TryGetValue(out short s))
        {
            value = s;
            return true;
        }

        if (v.TryGetValue(out byte b))
        {
            value = b;
            return true;
        }

        if (v.TryGetValue(out uint ui))
        {
            value = ui;
            return true;
        }

        if (v.TryGetValue(out ulong ul) && ul <= long.MaxValue)
        {
            value = (long)ul;
            return true;
        }

        return false;
    }

    /// <summary>Any JSON number as a double (integers converted), or NaN when the node is not a number.</summary>
    public static double GetNumber(JsonNode? node)
    {
        if (TryGetInteger(node, out var l))
        {
            return l;
        }

        if (node is not JsonValue v)
        {
            return double.NaN;
        }

        if (v.TryGetValue(out JsonElement element))
        {
            return element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var d) ? d : double.NaN;
        }

        if (v.TryGetValue(out double dv))
        {
            return dv;
        }

        if (v.TryGetValue(out float f))
        {
            return f;
        }

        if (v.TryGetValue(out decimal m))
        {
            return (double)m;
        }

        if (v.TryGetValue(out ulong ul))
        {
            return ul;
        }

        return double.NaN;
    }

    public static string? GetString(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static JsonNodeType OfValue(JsonValue value)
    {
        if (value.TryGetValue(out JsonElement element))
        {
            return element.ValueKind switch
            {
                JsonValueKind.String => JsonNodeType.String,
                JsonValueKind.True or JsonValueKind.False => JsonNodeType.Boolean,
                JsonValueKind.Number => element.TryGetInt64(out _) ? JsonNodeType.Integer : JsonNodeType.Number,
                JsonValueKind.Object => JsonNodeType.Object,
                JsonValueKind.Array => JsonNodeType.Array,
                _ => JsonNodeType.Null,
            };
        }

        if (value.TryGetValue(out string? _))
        {
            return JsonNodeType.String;
        }

        if (value.TryGetValue(out bool _))
        {
            return JsonNodeType.Boolean;
        }

        if (TryGetInteger(value, out _))
        {
            return JsonNodeType.Integer;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => JsonNodeType.String,
            JsonValueKind.True or JsonValueKind.False => JsonNodeType.Boolean,
            JsonValueKind.Number => JsonNodeType.Number,
            _ => JsonNodeType.Null,
        };
    }
}
