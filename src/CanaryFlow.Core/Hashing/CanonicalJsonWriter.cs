using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CanaryFlow.Core.Hashing;

/// <summary>
/// Writes a JSON tree in one canonical text, so equal content always gives equal bytes whatever the parser, the
/// producer or the library version:
/// <list type="bullet">
/// <item>object members sorted by ordinal (UTF-16 code unit) order of their names;</item>
/// <item>a member whose value is null is left out: to Kubernetes a null field and an absent field are the same;</item>
/// <item>array elements kept in their order, and a null element written as <c>null</c>, because a position in a
/// list is meaningful;</item>
/// <item>numbers by exact decimal value (<see cref="CanonicalJsonNumber"/>);</item>
/// <item>strings escaped as RFC 8785 escapes them (<c>\"</c>, <c>\\</c>, <c>\b \f \n \r \t</c>, other control
/// characters as lowercase <c>\u00xx</c>, everything else as raw UTF-8), plus lone surrogates as lowercase
/// <c>\udxxx</c> so that no two strings collapse into one replacement character;</item>
/// <item>no whitespace.</item>
/// </list>
/// </summary>
internal static class CanonicalJsonWriter
{
    public static void AppendValue(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject jsonObject:
                AppendObject(builder, jsonObject);
                break;
            case JsonArray array:
                AppendArray(builder, array);
                break;
            case JsonValue value:
                AppendScalar(builder, value);
                break;
            default:
                throw new ArgumentException($"unexpected JSON node {node.GetType().Name}", nameof(node));
        }
    }

    public static void AppendObject(StringBuilder builder, IEnumerable<KeyValuePair<string, JsonNode?>> members)
    {
        var present = members.Where(member => !IsNull(member.Value)).ToList();
        present.Sort((left, right) => string.CompareOrdinal(left.Key, right.Key));
        builder.Append('{');
        for (var i = 0; i < present.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            AppendString(builder, present[i].Key);
            builder.Append(':');
            AppendValue(builder, present[i].Value);
        }

        builder.Append('}');
    }

    /// <summary>Whether the node is JSON null, either as a missing node or as a value that holds null.</summary>
    public static bool IsNull(JsonNode? node) => node is null || node.GetValueKind() == JsonValueKind.Null;

    private static void AppendArray(StringBuilder builder, JsonArray array)
    {
        builder.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            AppendValue(builder, IsNull(array[i]) ? null : array[i]);
        }

        builder.Append(']');
    }

    private static void AppendScalar(StringBuilder builder, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                AppendString(builder, ReadString(value));
                break;
            case JsonValueKind.Number:
                // The node's own JSON text: for a parsed document that is the text as received.
                CanonicalJsonNumber.Append(builder, value.ToJsonString());
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            default:
                throw new ArgumentException($"unexpected JSON value kind {value.GetValueKind()}", nameof(value));
        }
    }

    // A value built from a CLR object other than string (a Guid, a DateTime) still reads back through its JSON text.
    private static string ReadString(JsonValue value)
    {
        if (value.TryGetValue<string>(out var text))
        {
            return text;
        }

        using var document = JsonDocument.Parse(value.ToJsonString());
        return document.RootElement.GetString()!;
    }

    private static void AppendString(StringBuilder builder, string text)
    {
        builder.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var character = text[i];
            switch (character)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (character < ' ' || IsLoneSurrogate(text, i))
                    {
                        builder.Append("\\u").Append(((int)character).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(character))
                    {
                        builder.Append(character).Append(text[++i]);
                    }
                    else
                    {
                        builder.Append(character);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    private static bool IsLoneSurrogate(string text, int index)
    {
        var character = text[index];
        if (char.IsHighSurrogate(character))
        {
            return index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]);
        }

        // A low surrogate that belongs to a pair was consumed with its high surrogate.
        return char.IsLowSurrogate(character);
    }
}
