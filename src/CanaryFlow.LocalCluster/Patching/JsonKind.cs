using System.Text.Json;
using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Patching;

/// <summary>The JSON type of a value, with true and false as one kind, as strategic merge compares value types.</summary>
internal enum JsonKind
{
    Null,
    Object,
    Array,
    String,
    Number,
    Boolean,
}

internal static class JsonNodeKind
{
    public static JsonKind Of(JsonNode? node) => node switch
    {
        null => JsonKind.Null,
        JsonObject => JsonKind.Object,
        JsonArray => JsonKind.Array,
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => JsonKind.String,
            JsonValueKind.Number => JsonKind.Number,
            JsonValueKind.True or JsonValueKind.False => JsonKind.Boolean,
            _ => JsonKind.Null,
        },
    };
}
