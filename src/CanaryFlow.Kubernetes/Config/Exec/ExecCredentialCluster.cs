using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Config.Exec;

/// <summary>ExecCredential <c>spec.cluster</c>; false booleans are left out like Go's omitempty does.</summary>
internal sealed class ExecCredentialCluster
{
    [JsonPropertyName("server")]
    public string Server { get; set; } = "";

    [JsonPropertyName("tls-server-name")]
    public string? TlsServerName { get; set; }

    [JsonPropertyName("insecure-skip-tls-verify")]
    public bool? InsecureSkipTlsVerify { get; set; }

    /// <summary>Base64 of the PEM bundle, which is how Go encodes the []byte field.</summary>
    [JsonPropertyName("certificate-authority-data")]
    public string? CertificateAuthorityData { get; set; }

    [JsonPropertyName("proxy-url")]
    public string? ProxyUrl { get; set; }

    [JsonPropertyName("disable-compression")]
    public bool? DisableCompression { get; set; }

    [JsonPropertyName("config")]
    public JsonNode? Config { get; set; }
}
