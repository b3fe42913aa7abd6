using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

internal sealed class KubeconfigNamedUser
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("user")]
    public KubeconfigUser? User { get; set; }
}
