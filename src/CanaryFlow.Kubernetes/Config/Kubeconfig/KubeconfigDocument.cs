using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>
/// One kubeconfig file as written (clientcmd/api/v1 Config). These schema classes are not records so that no
/// generated ToString prints a token, password or key.
/// </summary>
internal sealed class KubeconfigDocument
{
    [JsonPropertyName("clusters")]
    public List<KubeconfigNamedCluster?>? Clusters { get; set; }

    [JsonPropertyName("users")]
    public List<KubeconfigNamedUser?>? Users { get; set; }

    [JsonPropertyName("contexts")]
    public List<KubeconfigNamedContext?>? Contexts { get; set; }

    [JsonPropertyName("current-context")]
    public string? CurrentContext { get; set; }
}
