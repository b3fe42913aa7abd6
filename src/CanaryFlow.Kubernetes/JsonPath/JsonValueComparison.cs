using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.JsonPath;

/// <summary>
/// How filters compare JSON values: numbers by value, strings ordinally, booleans and nulls only for
/// (in)equality, objects and arrays structurally. Values of different kinds are never equal and never ordered.
/// </summary>
internal static class JsonValueComparison
{
    public static bool Holds(JsonNode? left, FilterComparisonOperator @operator, JsonNode? right)
    {
        var leftKind = KindOf(left);
        var rightKind = KindOf(right);
        if (leftKind != rightKind)
        {
            return @operator == FilterComparisonOperator.NotEqual;
        }

        int? order = leftKind switch
        {
            JsonValueKind.Number => NumberOf(left!).CompareTo(NumberOf(right!)),
            JsonValueKind.String => string.CompareOrdinal(StringOf(left!), StringOf(right!)),
            _ => null,
        };

        return @operator switch
        {
            FilterComparisonOperator.Equal => order is { } o ? o == 0 : JsonNode.DeepEquals(left, right),
            FilterComparisonOperator.NotEqual => order is { } o ? o != 0 : !JsonNode.DeepEquals(left, right),
            FilterComparisonOperator.LessThan => order < 0,
            FilterComparisonOperator.LessThanOrEqual => order <= 0,
            FilterComparisonOperator.GreaterThan => order > 0,
            FilterComparisonOperator.GreaterThanOrEqual => order >= 0,
            _ => false,
        };
    }

    // true and false are one kind here, so that they compare with each other.
    private static JsonValueKind KindOf(JsonNode? node) =>
        node?.GetValueKind() switch
        {
            null => JsonValueKind.Null,
            JsonValueKind.False => JsonValueKind.True,
            var kind => kind.Value,
        };

    // The JSON text is the one representation every JsonValue (parsed or built from a CLR value) offers.
    private static double NumberOf(JsonNode node) =>
        double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string StringOf(JsonNode node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : JsonSerializer.Deserialize<string>(node.ToJsonString()) ?? string.Empty;
}
