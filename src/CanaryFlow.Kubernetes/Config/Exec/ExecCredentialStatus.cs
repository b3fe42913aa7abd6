using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Config.Exec;

internal sealed class ExecCredentialStatus
{
    [JsonPropertyName("expirationTimestamp")]
    public string? ExpirationTimestamp { get; set; }

    [JsonPropertyName("token")]
    public string? Token { get; set; }

    [JsonPropertyName("clientCertificateData")]
    public string? ClientCertificateData { get; set; }

    [JsonPropertyName("clientKeyData")]
    public string? ClientKeyData { get; set; }
}
