using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.JsonPath;

/// <summary>A string, number or boolean written in the filter.</summary>
internal sealed class LiteralOperand(JsonNode value) : FilterOperand
{
    public override IReadOnlyList<JsonNode?> Values(JsonNode? element, JsonNode? root) => [value];
}
