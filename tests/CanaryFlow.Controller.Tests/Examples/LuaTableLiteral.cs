using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CanaryFlow.Controller.Tests.Examples;

/// <summary>
/// A JSON value as a Lua table constructor, the shape Argo CD hands a health script as <c>obj</c>: objects become
/// tables with string keys, arrays 1-based sequences, numbers numbers, null absent.
/// </summary>
internal static class LuaTableLiteral
{
    public static string From(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("nil");
                break;
            case JsonObject obj:
                text.Append('{');
                foreach (var (key, member) in obj.Where(p => p.Value is not null))
                {
                    text.Append('[').Append(Quote(key)).Append("]=");
                    Write(member, text);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('{');
                foreach (var item in array)
                {
                    Write(item, text);
                    text.Append(',');
                }

                text.Append('}');
                break;
            default:
                var scalar = node.AsValue();
                text.Append(scalar.GetValueKind() switch
                {
                    JsonValueKind.String => Quote(scalar.GetValue<string>()),
                    JsonValueKind.Number => scalar.ToJsonString(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => "nil",
                });
                break;
        }
    }

    private static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                _ when c < ' ' => "\\" + ((int)c).ToString("D3", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
