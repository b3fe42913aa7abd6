using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

internal sealed class KubeconfigExec
{
    [JsonPropertyName("command")]
    public string? Command { get; set; }

    [JsonPropertyName("args")]
    public List<string?>? Args { get; set; }

    [JsonPropertyName("env")]
    public List<KubeconfigExecEnvVar?>? Env { get; set; }

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("installHint")]
    public string? InstallHint { get; set; }

    [JsonPropertyName("provideClusterInfo")]
    public bool? ProvideClusterInfo { get; set; }

    [JsonPropertyName("interactiveMode")]
    public string? InteractiveMode { get; set; }
}
