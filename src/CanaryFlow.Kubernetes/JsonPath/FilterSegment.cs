using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.JsonPath;

/// <summary>
/// <c>[?(...)]</c>: the elements of an array for which the condition holds. Without an operator the condition is
/// that the path finds a non-null value (kubectl skips nulls the same way); with one, that some value on the left
/// compares as required with some value on the right.
/// </summary>
internal sealed class FilterSegment(FilterOperand left, FilterComparisonOperator? @operator, FilterOperand? right) : JsonPathSegment
{
    public override IEnumerable<JsonNode?> Select(JsonNode? node, JsonNode? root) =>
        node is JsonArray array ? array.Where(element => Holds(element, root)) : [];

    private bool Holds(JsonNode? element, JsonNode? root)
    {
        var lefts = left.Values(element, root);
        if (@operator is not { } comparison || right is null)
        {
            return lefts.Any(value => value is not null);
        }

        var rights = right.Values(element, root);
        return lefts.Any(l => rights.Any(r => JsonValueComparison.Holds(l, comparison, r)));
    }
}
