using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>A kubeconfig cluster, validated and with its CA loaded.</summary>
internal sealed class ClusterSettings
{
    public required Uri Server { get; init; }

    /// <summary>The server as written, which is what exec plugins are told (client-go passes the host string through).</summary>
    public required string ServerText { get; init; }

    public string? TlsServerName { get; init; }
    public bool InsecureSkipTlsVerify { get; init; }
    public X509Certificate2Collection? CertificateAuthorities { get; init; }
    public string? CertificateAuthorityPem { get; init; }
    public Uri? Proxy { get; init; }
    public bool DisableCompression { get; init; }

    /// <summary>The <c>client.authentication.k8s.io/exec</c> extension, handed to plugins as spec.cluster.config.</summary>
    public JsonNode? ExecExtension { get; init; }
}
