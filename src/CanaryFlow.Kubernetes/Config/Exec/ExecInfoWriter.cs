using System.Text;
using System.Text.Json;

namespace CanaryFlow.Kubernetes.Config.Exec;

/// <summary>Writes the KUBERNETES_EXEC_INFO value: an ExecCredential with only the spec filled in.</summary>
internal static class ExecInfoWriter
{
    // client-go's kind; the official C# client sends "ExecCredentials", which strict plugins reject.
    public const string Kind = "ExecCredential";

    public static string Write(ExecPluginSettings settings)
    {
        var cluster = settings.Cluster;
        var credential = new ExecCredential
        {
            Kind = Kind,
            ApiVersion = settings.ApiVersion,
            Spec = new ExecCredentialSpec
            {
                Interactive = false,
                Cluster = cluster is null ? null : new ExecCredentialCluster
                {
                    Server = cluster.Server,
                    TlsServerName = string.IsNullOrEmpty(cluster.TlsServerName) ? null : cluster.TlsServerName,
                    InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify ? true : null,
                    CertificateAuthorityData = cluster.CertificateAuthorityPem is null
                        ? null
                        : Convert.ToBase64String(Encoding.UTF8.GetBytes(cluster.CertificateAuthorityPem)),
                    ProxyUrl = string.IsNullOrEmpty(cluster.ProxyUrl) ? null : cluster.ProxyUrl,
                    DisableCompression = cluster.DisableCompression ? true : null,
                    Config = cluster.Config?.DeepClone(),
                },
            },
        };
        return JsonSerializer.Serialize(credential, ExecCredentialJsonContext.Default.ExecCredential);
    }
}
