using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CanaryFlow.Kubernetes.Config;

/// <summary>
/// Everything needed to reach one API server as one identity: address, TLS trust, client credentials and the
/// default namespace. Produced by <see cref="KubeconfigLoader"/> or <see cref="InClusterConfig"/>.
/// </summary>
public sealed record KubernetesConnection
{
    /// <summary>The API server, e.g. <c>https://host:6443</c> (an IPv6 host is bracketed); may carry a path prefix.</summary>
    public required Uri Server { get; init; }

    /// <summary>The name to send in SNI and to verify the serving certificate against, instead of the server's host.</summary>
    public string? TlsServerName { get; init; }

    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The roots to trust for the API server's certificate; null means the system roots.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>A static certificate and key, or an exec plugin that returns one.</summary>
    public IClientCertificateSource? ClientCertificate { get; init; }

    /// <summary>Bearer tokens (static, token file, exec plugin) or basic credentials.</summary>
    public IAuthenticationProvider? Authentication { get; init; }

    public Uri? Proxy { get; init; }

    /// <summary>The kubeconfig cluster's <c>disable-compression</c>: ask the server for uncompressed responses.</summary>
    public bool DisableCompression { get; init; }

    public string Namespace { get; init; } = "default";

    /// <summary>Where this connection came from, for error messages, e.g. "kubeconfig /home/x/.kube/config, context prod".</summary>
    public required string Source { get; init; }

    /// <summary>
    /// Replaces the generated member list so that ToString shows no proxy password and only counts the CAs; the
    /// providers print themselves without their secrets.
    /// </summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Server = ").Append(Server)
            .Append(", TlsServerName = ").Append(TlsServerName)
            .Append(", InsecureSkipTlsVerify = ").Append(InsecureSkipTlsVerify)
            .Append(", CertificateAuthorities = ").Append(CertificateAuthorities?.Count.ToString(CultureInfo.InvariantCulture) ?? "system roots")
            .Append(", ClientCertificate = ").Append(ClientCertificate)
            .Append(", Authentication = ").Append(Authentication)
            .Append(", Proxy = ").Append(Proxy is null ? null : RedactUserInfo(Proxy))
            .Append(", DisableCompression = ").Append(DisableCompression)
            .Append(", Namespace = ").Append(Namespace)
            .Append(", Source = ").Append(Source);
        return true;
    }

    private static string RedactUserInfo(Uri uri) =>
        uri.UserInfo.Length == 0 ? uri.ToString() : new UriBuilder(uri) { UserName = "redacted", Password = "" }.Uri.ToString();
}
