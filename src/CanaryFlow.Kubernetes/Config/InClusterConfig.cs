using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CanaryFlow.Kubernetes.Config;

/// <summary>The connection of a pod to its own cluster through its service account (client-go rest.InClusterConfig).</summary>
public static class InClusterConfig
{
    public const string HostVariable = "KUBERNETES_SERVICE_HOST";
    public const string PortVariable = "KUBERNETES_SERVICE_PORT";
    public const string NamespaceVariable = "POD_NAMESPACE";
    public const string Source = "in-cluster service account";

    /// <summary>Whether this looks like a pod: both service variables set and a service-account token file present.</summary>
    public static bool IsAvailable(InClusterEnvironment? environment = null)
    {
        environment ??= InClusterEnvironment.Process;
        return !string.IsNullOrEmpty(environment.GetVariable(HostVariable))
            && !string.IsNullOrEmpty(environment.GetVariable(PortVariable))
            && File.Exists(environment.TokenPath);
    }

    /// <exception cref="KubeconfigException">Not in a cluster, or the service-account files are unusable.</exception>
    public static KubernetesConnection Load(InClusterEnvironment? environment = null, TimeProvider? clock = null)
    {
        environment ??= InClusterEnvironment.Process;
        var host = environment.GetVariable(HostVariable);
        var port = environment.GetVariable(PortVariable);
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeconfigException($"{Source}: not running in a cluster: {HostVariable} and {PortVariable} must both be set");
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber) || portNumber is < 1 or > 65535)
        {
            throw new KubeconfigException($"{Source}: {PortVariable} \"{port}\" is not a port number");
        }

        // Checked once so that a pod without a mounted token fails at start; the token itself is read by the provider.
        if (!File.Exists(environment.TokenPath))
        {
            throw new KubeconfigException($"{Source}: token file {environment.TokenPath} does not exist");
        }

        var server = new UriBuilder(Uri.UriSchemeHttps, BracketIpv6(host), portNumber).Uri;
        return new KubernetesConnection
        {
            Server = server,
            CertificateAuthorities = ReadCertificateAuthorities(environment.CertificateAuthorityPath),
            Authentication = new TokenFileAuthentication(environment.TokenPath, clock),
            Namespace = ReadNamespace(environment),
            Source = Source,
        };
    }

    private static string BracketIpv6(string host) =>
        host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? "[" + host + "]" : host;

    private static X509Certificate2Collection ReadCertificateAuthorities(string path)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"{Source}: cannot read the cluster CA {path}: {e.Message}", e);
        }

        try
        {
            return PemCertificateReader.ReadCertificates(pem);
        }
        catch (CryptographicException e)
        {
            throw new KubeconfigException($"{Source}: {path} does not contain a valid PEM certificate: {e.Message}", e);
        }
    }

    private static string ReadNamespace(InClusterEnvironment environment)
    {
        var fromVariable = environment.GetVariable(NamespaceVariable);
        if (!string.IsNullOrEmpty(fromVariable))
        {
            return fromVariable;
        }

        try
        {
            var fromFile = File.ReadAllText(environment.NamespacePath).Trim();
            return fromFile.Length > 0 ? fromFile : "default";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "default";
        }
    }
}
