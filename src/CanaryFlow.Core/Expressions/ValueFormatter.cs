using System.Text;

namespace CanaryFlow.Core.Expressions;

/// <summary>
/// Renders values for people: measurement records, Events and error messages. Big values are abbreviated so that a
/// 10,000-sample vector or a web response body does not fill an Event or an AnalysisRun's status.
/// </summary>
internal static class ValueFormatter
{
    private const int _maxItems = 20;
    private const int _maxStringLength = 200;
    private const int _maxDepth = 8;

    public static string Format(ExpressionValue value)
    {
        var builder = new StringBuilder();
        Append(builder, value, 0);
        return builder.ToString();
    }

    /// <summary>A value with its kind, for messages: <c>number 0.5</c>, <c>list [0.1, 0.2]</c>, <c>nil</c>.</summary>
    public static string Describe(ExpressionValue value) => value.Kind switch
    {
        ExpressionValueKind.Nil => "nil",
        ExpressionValueKind.List => $"list {Format(value)}",
        _ => $"{value.Kind.ToString().ToLowerInvariant()} {Format(value)}",
    };

    public static string Quote(string text)
    {
        var builder = new StringBuilder();
        AppendQuoted(builder, text, int.MaxValue);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, ExpressionValue value, int depth)
    {
        switch (value.Kind)
        {
            case ExpressionValueKind.Nil:
                builder.Append("nil");
                break;
            case ExpressionValueKind.Bool:
                builder.Append(value.AsBool() ? "true" : "false");
                break;
            case ExpressionValueKind.Number:
                builder.Append(NumberText.Format(value.AsNumber()));
                break;
            case ExpressionValueKind.String:
                AppendQuoted(builder, value.AsString(), _maxStringLength);
                break;
            case ExpressionValueKind.List:
                AppendItems(builder, '[', ']', value.Items, depth, (item, b) => Append(b, item, depth + 1));
                break;
            default:
                AppendItems(builder, '{', '}', value.Fields, depth, (field, b) =>
                {
                    AppendKey(b, field.Key);
                    b.Append(": ");
                    Append(b, field.Value, depth + 1);
                });
                break;
        }
    }

    private static void AppendItems<T>(StringBuilder builder, char open, char close, IReadOnlyCollection<T> items, int depth, Action<T, StringBuilder> appendItem)
    {
        builder.Append(open);
        if (items.Count > 0 && depth >= _maxDepth)
        {
            builder.Append("...");
        }
        else
        {
            var written = 0;
            foreach (var item in items.Take(_maxItems))
            {
                builder.Append(written++ == 0 ? "" : ", ");
                appendItem(item, builder);
            }

            if (items.Count > _maxItems)
            {
                builder.Append($", ... ({items.Count - _maxItems} more)");
            }
        }

        builder.Append(close);
    }

    private static void AppendKey(StringBuilder builder, string key)
    {
        var plain = key.Length > 0 && Lexer.IsIdentifierStart(key[0]) && key.All(Lexer.IsIdentifierPart) && !Lexer.IsKeyword(key);
        if (plain)
        {
            builder.Append(key);
        }
        else
        {
            AppendQuoted(builder, key, _maxStringLength);
        }
    }

    // Double quotes and the escapes the lexer reads, so that a short string reads back as the same string.
    private static void AppendQuoted(StringBuilder builder, string text, int maxLength)
    {
        builder.Append('"');
        foreach (var c in text.Length > maxLength ? text.AsSpan(0, maxLength) : text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        builder.Append('"');
        if (text.Length > maxLength)
        {
            builder.Append($"... ({text.Length - maxLength} more characters)");
        }
    }
}
