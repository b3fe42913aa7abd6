using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// Parses JSON like Go's decoder does for unstructured objects (a repeated key keeps its last value) while recording
/// every repeated key, which <c>fieldValidation=Strict</c> reports as <c>duplicate field "spec.size"</c>.
/// System.Text.Json's own parser cannot be used: it rejects or silently merges duplicates without telling where.
/// </summary>
public static class DuplicateFieldParser
{
    private const int _maxDepth = 10_000;

    /// <exception cref="JsonException">The bytes are not a single valid JSON value.</exception>
    public static DuplicateFieldParseResult Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = _maxDepth });
        var duplicates = new List<string>();
        var stack = new Stack<Frame>();
        var path = new StringBuilder();
        JsonNode? root = null;
        string? pendingKey = null;

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingKey = reader.GetString()!;
                    continue;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    JsonNode container = reader.TokenType == JsonTokenType.StartObject ? new JsonObject() : new JsonArray();
                    var mark = path.Length;
                    if (stack.Count > 0)
                    {
                        AppendSegment(path, stack.Peek(), pendingKey);
                    }

                    Attach(stack, container, ref pendingKey, path, mark, duplicates, ref root);
                    stack.Push(new Frame(container, mark));
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    var frame = stack.Pop();
                    path.Length = frame.PathMark;
                    continue;
                default:
                    var scalarMark = path.Length;
                    Attach(stack, ReadScalar(ref reader), ref pendingKey, path, scalarMark, duplicates, ref root);
                    continue;
            }
        }

        return new DuplicateFieldParseResult(root, duplicates);
    }

    private static JsonNode? ReadScalar(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString()!);
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                // Kubernetes decodes integral literals that fit in an int64 as integers and everything else as float64.
                if (reader.TryGetInt64(out var l))
                {
                    return JsonValue.Create(l);
                }

                if (reader.TryGetDouble(out var d) && double.IsFinite(d))
                {
                    return JsonValue.Create(d);
                }

                throw new JsonException("number out of range: " + Encoding.UTF8.GetString(reader.ValueSpan));
            default:
                throw new JsonException("unexpected token " + reader.TokenType);
        }
    }

    private static void Attach(
        Stack<Frame> stack, JsonNode? node, ref string? pendingKey, StringBuilder path, int mark,
        List<string> duplicates, ref JsonNode? root)
    {
        if (stack.Count == 0)
        {
            root = node;
            return;
        }

        switch (stack.Peek().Container)
        {
            case JsonObject obj:
                var key = pendingKey!;
                pendingKey = null;
                if (obj.ContainsKey(key))
                {
                    var duplicateMark = path.Length;
                    path.Length = mark;
                    AppendSegment(path, stack.Peek(), key);
                    duplicates.Add(path.ToString());
                    path.Length = duplicateMark;
                }

                obj[key] = node;
                break;
            case JsonArray array:
                array.Add(node);
                break;
        }
    }

    /// <summary>Appends the segment of the next child of <paramref name="parent"/> (key or index) to the path.</summary>
    private static void AppendSegment(StringBuilder path, Frame parent, string? key)
    {
        if (parent.Container is JsonArray array)
        {
            path.Append('[').Append(array.Count.ToString(CultureInfo.InvariantCulture)).Append(']');
            return;
        }

        if (path.Length > 0)
        {
            path.Append('.');
        }

        path.Append(key);
    }

    private readonly record struct Frame(JsonNode Container, int PathMark);
}
