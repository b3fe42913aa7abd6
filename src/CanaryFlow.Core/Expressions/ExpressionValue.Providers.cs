using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Core.Analysis;

namespace CanaryFlow.Core.Expressions;

/// <summary>What a metric provider measured, as the <c>result</c> that conditions see.</summary>
public sealed partial class ExpressionValue
{
    /// <summary>
    /// The <c>result</c> of a measurement: a Prometheus scalar is a number, an instant vector a list of numbers
    /// (<c>result[0]</c>, or <c>result</c> itself when it has one sample), a range vector a list with a list of
    /// numbers per series, a string result or a non-JSON web response a string, and a web provider's JSON value as
    /// <see cref="FromJson"/> reads it. NaN and ±Inf samples stay NaN and ±Inf.
    /// </summary>
    /// <exception cref="ArgumentException">A JSON value nests deeper than <see cref="MaxNestingDepth"/>.</exception>
    public static ExpressionValue FromMetricData(MetricData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data switch
        {
            ScalarData scalar => FromNumber(scalar.Value),
            VectorData vector => FromNumbers(vector.Values),
            MatrixData matrix => FromList(matrix.Series.Select(series => FromNumbers(series))),
            TextData text => FromString(text.Value),
            JsonData json => FromJson(json.Value),
            _ => throw new ArgumentException($"No expression value is defined for this kind of metric data: {data.Display()}", nameof(data)),
        };
    }

    /// <summary>
    /// A JSON value, such as the one a web provider's <c>jsonPath</c> selects: an object is a map (<c>result.field</c>,
    /// <c>result["a key"]</c>), an array a list, a number a number (a double), a string a string, <c>true</c> and
    /// <c>false</c> bools, and JSON <c>null</c> or no value at all nil. A number-like string stays a string: compare
    /// it with <c>asFloat(result) &gt; 1</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Arrays and objects nest deeper than <see cref="MaxNestingDepth"/>.</exception>
    public static ExpressionValue FromJson(JsonNode? node) => FromJson(node, 0);

    private static ExpressionValue FromJson(JsonNode? node, int depth)
    {
        // Checked on the way down, so that a node built in code thousands deep cannot exhaust the stack here.
        if (depth > MaxNestingDepth)
        {
            throw new ArgumentException($"Lists and maps may nest at most {MaxNestingDepth} deep.", nameof(node));
        }

        return node switch
        {
            null => Nil,
            JsonObject fields => FromMap(fields.Select(field => KeyValuePair.Create(field.Key, FromJson(field.Value, depth + 1)))),
            JsonArray items => FromList(items.Select(item => FromJson(item, depth + 1))),
            JsonValue value => FromJsonValue(value),
            _ => throw new ArgumentException($"Unknown kind of JSON node: {node.GetValueKind()}.", nameof(node)),
        };
    }

    private static ExpressionValue FromJsonValue(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.Null => Nil,
        JsonValueKind.True => FromBool(true),
        JsonValueKind.False => FromBool(false),
        // A value parsed from text holds a JsonElement, one built in code a .NET value (possibly a NaN double, which
        // has no JSON text); the text form covers the other numeric types.
        JsonValueKind.Number => FromNumber(value.TryGetValue(out double number)
            ? number
            : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
        JsonValueKind.String => FromString(value.TryGetValue(out string? text)
            ? text
            : JsonNode.Parse(value.ToJsonString())!.GetValue<string>()),
        var kind => throw new ArgumentException($"A JSON value of kind {kind} is not a JSON primitive.", nameof(value)),
    };
}
