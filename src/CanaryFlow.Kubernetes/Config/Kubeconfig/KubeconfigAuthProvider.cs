using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>Only the name is read, to say which provider is unsupported; its config holds secrets and is never kept.</summary>
internal sealed class KubeconfigAuthProvider
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}
