namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>What a kubeconfig user contributes to a connection.</summary>
internal sealed class UserCredentials
{
    public static readonly UserCredentials Anonymous = new();

    public IAuthenticationProvider? Authentication { get; init; }
    public IClientCertificateSource? ClientCertificate { get; init; }
}
