using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CanaryFlow.Kubernetes.Config;

/// <summary>Reads PEM certificates and certificate/key pairs the way kubeconfig and exec plugins deliver them.</summary>
internal static class PemCertificateReader
{
    /// <summary>Every CERTIFICATE block of a CA bundle; throws <see cref="CryptographicException"/> when there is none or one is corrupt.</summary>
    public static X509Certificate2Collection ReadCertificates(string pem)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(pem);
        if (certificates.Count == 0)
        {
            throw new CryptographicException("no PEM CERTIFICATE block found");
        }

        return certificates;
    }

    /// <summary>
    /// The first certificate of <paramref name="certificatePem"/> with the private key of <paramref name="keyPem"/>
    /// (PKCS#1 RSA, SEC1 EC or PKCS#8). The pair is round-tripped through PKCS#12 because a key attached from PEM is
    /// ephemeral, and TLS stacks (SChannel; OpenSSL for some operations) need a key they can load from a store.
    /// </summary>
    public static X509Certificate2 ReadCertificateWithKey(string certificatePem, string keyPem)
    {
        using var ephemeral = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        var pkcs12 = ephemeral.Export(X509ContentType.Pkcs12);
        try
        {
            return X509CertificateLoader.LoadPkcs12(pkcs12, password: null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs12);
        }
    }
}
