using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Config.Exec;

/// <summary>
/// The ExecCredential object of client.authentication.k8s.io v1/v1beta1, both directions. A class rather than a
/// record so that no generated ToString prints the token.
/// </summary>
internal sealed class ExecCredential
{
    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("spec")]
    public ExecCredentialSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public ExecCredentialStatus? Status { get; set; }
}
