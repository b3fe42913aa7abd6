using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>A parsed request body and the paths of the keys it repeats (<c>spec.size</c>, <c>spec.ports[0].name</c>).</summary>
public sealed record DuplicateFieldParseResult(JsonNode? Value, IReadOnlyList<string> DuplicateFields);
