using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>Validates a kubeconfig cluster and loads its certificate authority.</summary>
internal static class KubeconfigClusterReader
{
    private const string _execExtensionName = "client.authentication.k8s.io/exec";

    /// <param name="entry">The cluster.</param>
    /// <param name="userHasClientCertificate">Part of client-go's rule for the scheme of a server given as host:port.</param>
    public static ClusterSettings Read(KubeconfigEntry<KubeconfigCluster> entry, bool userHasClientCertificate)
    {
        var cluster = entry.Value;
        var location = entry.Location;
        if (string.IsNullOrWhiteSpace(cluster.Server))
        {
            throw location.Fail("server", $"no server found for cluster \"{entry.Name}\"");
        }

        var ca = KubeconfigPemReader.Read(location, "certificate-authority-data", cluster.CertificateAuthorityData, "certificate-authority", cluster.CertificateAuthority);
        var insecure = cluster.InsecureSkipTlsVerify ?? false;
        if (insecure && ca is not null)
        {
            throw location.Fail("insecure-skip-tls-verify", "cannot be combined with a certificate authority (certificate-authority or certificate-authority-data)");
        }

        var defaultTls = ca is not null || userHasClientCertificate || insecure || !string.IsNullOrEmpty(cluster.TlsServerName);
        var server = ServerUrl.Parse(cluster.Server.Trim(), defaultTls, out var problem) ?? throw location.Fail("server", problem!);

        return new ClusterSettings
        {
            Server = server,
            ServerText = cluster.Server.Trim(),
            TlsServerName = string.IsNullOrEmpty(cluster.TlsServerName) ? null : cluster.TlsServerName,
            InsecureSkipTlsVerify = insecure,
            CertificateAuthorities = ca is null ? null : ReadCertificates(location, ca),
            CertificateAuthorityPem = ca?.Text,
            Proxy = ReadProxy(location, cluster.ProxyUrl),
            DisableCompression = cluster.DisableCompression ?? false,
            ExecExtension = cluster.Extensions?.FirstOrDefault(e => e?.Name == _execExtensionName)?.Extension,
        };
    }

    private static X509Certificate2Collection ReadCertificates(KubeconfigEntryLocation location, KubeconfigPem ca)
    {
        try
        {
            return PemCertificateReader.ReadCertificates(ca.Text);
        }
        catch (CryptographicException e)
        {
            throw location.Fail(ca.Field, "does not contain a valid PEM certificate: " + e.Message, e);
        }
    }

    private static Uri? ReadProxy(KubeconfigEntryLocation location, string? proxyUrl)
    {
        if (string.IsNullOrEmpty(proxyUrl))
        {
            return null;
        }

        // The value is not quoted back: proxy URLs often carry user:password.
        if (!Uri.TryCreate(proxyUrl, UriKind.Absolute, out var proxy) || proxy.Host.Length == 0)
        {
            throw location.Fail("proxy-url", "is not a valid absolute URL");
        }

        return proxy.Scheme is "http" or "https" or "socks5"
            ? proxy
            : throw location.Fail("proxy-url", $"scheme must be http, https or socks5, not {proxy.Scheme}");
    }
}
