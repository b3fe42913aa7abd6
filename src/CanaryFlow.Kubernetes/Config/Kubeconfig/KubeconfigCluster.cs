using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

internal sealed class KubeconfigCluster
{
    [JsonPropertyName("server")]
    public string? Server { get; set; }

    [JsonPropertyName("tls-server-name")]
    public string? TlsServerName { get; set; }

    [JsonPropertyName("insecure-skip-tls-verify")]
    public bool? InsecureSkipTlsVerify { get; set; }

    [JsonPropertyName("certificate-authority")]
    public string? CertificateAuthority { get; set; }

    [JsonPropertyName("certificate-authority-data")]
    public string? CertificateAuthorityData { get; set; }

    [JsonPropertyName("proxy-url")]
    public string? ProxyUrl { get; set; }

    [JsonPropertyName("disable-compression")]
    public bool? DisableCompression { get; set; }

    [JsonPropertyName("extensions")]
    public List<KubeconfigNamedExtension?>? Extensions { get; set; }
}
