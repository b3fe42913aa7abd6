using System.Runtime.InteropServices;
using CanaryFlow.Kubernetes.Config;

namespace CanaryFlow.Cli.Cluster;

/// <summary>
/// When the kubeconfig names the cluster's CA, the client trusts that CA and nothing else, yet .NET on Linux reads
/// the whole system trust store (/etc/ssl/certs, about 80 ms) before its first TLS handshake. For a plugin that runs
/// once per command that is most of its time, so this process points OpenSSL's store lookup at nothing first.
/// Not done where the system roots could matter: no CA in the kubeconfig (a public CA), a proxy, or a credential
/// plugin (it inherits this environment and may make HTTPS calls of its own).
/// </summary>
internal static partial class SystemTrustStoreBypass
{
    /// <summary>A directory that does not exist: OpenSSL finds no certificates there, .NET then skips the default one.</summary>
    private const string _noDirectory = "/nonexistent/canaryflow-no-system-trust";

    public static void ApplyIfSafe(KubernetesConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!OperatingSystem.IsLinux()
            || connection.CertificateAuthorities is not { Count: > 0 }
            || connection.InsecureSkipTlsVerify
            || connection.Proxy is not null
            || connection.Authentication is ExecCredentialAuthentication
            || connection.ClientCertificate is ExecCredentialAuthentication)
        {
            return;
        }

        // Native setenv, not Environment.SetEnvironmentVariable: OpenSSL reads the C environment, which the managed
        // one does not write through to.
        _ = SetEnvironment("SSL_CERT_FILE", "/dev/null", 1);
        _ = SetEnvironment("SSL_CERT_DIR", _noDirectory, 1);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
