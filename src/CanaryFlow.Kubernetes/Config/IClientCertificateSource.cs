using System.Security.Cryptography.X509Certificates;

namespace CanaryFlow.Kubernetes.Config;

/// <summary>Supplies the TLS client certificate to present to the API server.</summary>
public interface IClientCertificateSource
{
    /// <summary>The client certificate (with its private key) to present now, or null to present none.</summary>
    ValueTask<X509Certificate2?> GetCertificateAsync(CancellationToken cancellationToken);
}
