using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.JsonPath;

/// <summary>One side of a filter comparison: the values it stands for, given the array element under test.</summary>
internal abstract class FilterOperand
{
    public abstract IReadOnlyList<JsonNode?> Values(JsonNode? element, JsonNode? root);
}
