using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

internal sealed class KubeconfigNamedContext
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("context")]
    public KubeconfigContext? Context { get; set; }
}
