using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.Config;

/// <summary>The cluster a plugin is asked to authenticate to (ExecCredential <c>spec.cluster</c>).</summary>
public sealed class ExecClusterInfo
{
    public required string Server { get; init; }

    public string? TlsServerName { get; init; }

    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The CA bundle as PEM text; sent base64-encoded as <c>certificate-authority-data</c>.</summary>
    public string? CertificateAuthorityPem { get; init; }

    public string? ProxyUrl { get; init; }

    public bool DisableCompression { get; init; }

    /// <summary>The cluster's <c>client.authentication.k8s.io/exec</c> extension, passed through as <c>config</c>.</summary>
    public JsonNode? Config { get; init; }

    public override string ToString() => $"{nameof(ExecClusterInfo)}({Server})";
}
