using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Config.Exec;

internal sealed class ExecCredentialSpec
{
    [JsonPropertyName("cluster")]
    public ExecCredentialCluster? Cluster { get; set; }

    [JsonPropertyName("interactive")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public bool Interactive { get; set; }
}
