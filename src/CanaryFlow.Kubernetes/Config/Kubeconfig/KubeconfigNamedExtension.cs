using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

internal sealed class KubeconfigNamedExtension
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("extension")]
    public JsonNode? Extension { get; set; }
}
