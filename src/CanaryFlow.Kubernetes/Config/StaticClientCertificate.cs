using System.Security.Cryptography.X509Certificates;

namespace CanaryFlow.Kubernetes.Config;

/// <summary>A client certificate with its private key, fixed for the life of the connection (kubeconfig client-certificate/client-key).</summary>
public sealed class StaticClientCertificate : IClientCertificateSource, IDisposable
{
    public StaticClientCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("a client certificate needs its private key", nameof(certificate));
        }

        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Loads a PEM certificate and PEM private key (RSA or EC, PKCS#1, SEC1 or PKCS#8, unencrypted).</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The PEM does not parse or the key does not match.</exception>
    public static StaticClientCertificate FromPem(string certificatePem, string privateKeyPem)
    {
        ArgumentNullException.ThrowIfNull(certificatePem);
        ArgumentNullException.ThrowIfNull(privateKeyPem);
        return new StaticClientCertificate(PemCertificateReader.ReadCertificateWithKey(certificatePem, privateKeyPem));
    }

    public ValueTask<X509Certificate2?> GetCertificateAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<X509Certificate2?>(Certificate);

    public void Dispose() => Certificate.Dispose();

    public override string ToString() => $"{nameof(StaticClientCertificate)}({Certificate.Subject})";
}
