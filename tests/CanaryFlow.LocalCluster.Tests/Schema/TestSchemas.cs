using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.LocalCluster.Schema;

namespace CanaryFlow.LocalCluster.Tests.Schema;

/// <summary>Schemas and documents the schema tests share: the Widget CRD of the recorded transcripts and fixture CRDs.</summary>
internal static class TestSchemas
{
    /// <summary>The openAPIV3Schema of widgets.bars.example.com exactly as the transcript's CRD create sends it.</summary>
    private static readonly ConcurrentDictionary<string, JsonObject> _crds = new(StringComparer.Ordinal);

    public const string WidgetJson = """
        {"type": "object", "properties": {"spec": {"type": "object", "required": ["size"], "properties": {"size": {"type": "integer", "minimum": 1, "maximum": 10}, "color": {"type": "string", "enum": ["red", "green", "blue"], "default": "green"}}}, "status": {"type": "object", "properties": {"conditions": {"type": "array", "items": {"type": "object", "properties": {"type": {"type": "string"}, "status": {"type": "string"}, "reason": {"type": "string"}, "message": {"type": "string"}, "lastTransitionTime": {"type": "string"}}}}}}}}
        """;

    public static StructuralSchema Widget { get; } = ParseSchema(WidgetJson);

    public static StructuralSchema ParseSchema(string json) => StructuralSchema.Parse((JsonObject)JsonNode.Parse(json)!);

    public static JsonNode Node(string json) => JsonNode.Parse(json)!;

    public static string FixturePath(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    /// <summary>A fixture CRD as JSON; parsed once per file since the route CRDs are hundreds of kilobytes of YAML.</summary>
    public static JsonObject LoadCrd(string fileName) =>
        (JsonObject)_crds.GetOrAdd(fileName, static name =>
            (JsonObject)YamlJsonConverter.Parse(File.ReadAllText(FixturePath("crds", "gateway-api", name)))!).DeepClone();
}
