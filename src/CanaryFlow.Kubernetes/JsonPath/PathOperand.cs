using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.JsonPath;

/// <summary>A path from the element under test (<c>@...</c>) or from the document root (<c>$...</c>).</summary>
internal sealed class PathOperand(bool fromRoot, IReadOnlyList<JsonPathSegment> segments) : FilterOperand
{
    public override IReadOnlyList<JsonNode?> Values(JsonNode? element, JsonNode? root) =>
        JsonPathSegment.SelectAll(segments, fromRoot ? root : element, root);
}
