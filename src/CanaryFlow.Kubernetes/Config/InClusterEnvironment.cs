namespace CanaryFlow.Kubernetes.Config;

/// <summary>What in-cluster configuration reads: environment variables and the mounted service-account directory.</summary>
public sealed record InClusterEnvironment(Func<string, string?> GetVariable, string ServiceAccountDirectory)
{
    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>This process's environment and the standard mount point.</summary>
    public static InClusterEnvironment Process { get; } = new(Environment.GetEnvironmentVariable, DefaultServiceAccountDirectory);

    public string TokenPath => Path.Combine(ServiceAccountDirectory, "token");
    public string CertificateAuthorityPath => Path.Combine(ServiceAccountDirectory, "ca.crt");
    public string NamespacePath => Path.Combine(ServiceAccountDirectory, "namespace");
}
