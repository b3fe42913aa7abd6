using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CanaryFlow.Cli.Lint;

/// <summary>One YAML document of a manifest file, and how to name it in a message: file, position, kind and name.</summary>
internal sealed record ManifestDocument(string File, int Index, int Count, JsonObject Body)
{
    public string? ApiVersion => Text(Body["apiVersion"]);

    public string? Kind => Text(Body["kind"]);

    public string? Name => Text((Body["metadata"] as JsonObject)?["name"]);

    /// <summary>e.g. <c>rollout.yaml: Rollout api</c>, or <c>all.yaml (document 2): AnalysisTemplate success-rate</c>.</summary>
    public string Label
    {
        get
        {
            var where = Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"{File} (document {Index + 1})") : File;
            return $"{where}: {Kind ?? "object without kind"} {Name ?? "(no metadata.name)"}";
        }
    }

    private static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
}
