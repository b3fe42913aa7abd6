using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CanaryFlow.Kubernetes.Tests.Config;

/// <summary>Certificates made on the spot: a CA, and client certificates it signs with RSA or ECDSA keys.</summary>
public static class TestCertificates
{
    private static readonly Lazy<(X509Certificate2 Certificate, string Pem)> _authority = new(CreateAuthority);

    public static string AuthorityPem => _authority.Value.Pem;

    public static X509Certificate2 Authority => _authority.Value.Certificate;

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>A client certificate for <paramref name="commonName"/>; the key in PKCS#1/SEC1 form or in PKCS#8.</summary>
    public static ClientCertificatePem CreateClient(string commonName, bool ecdsa, bool pkcs8 = false)
    {
        var subject = new X500DistinguishedName($"CN={commonName}, O=system:masters");
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var notAfter = DateTimeOffset.UtcNow.AddDays(1);
        var serial = RandomNumberGenerator.GetBytes(8);
        if (ecdsa)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
            AddClientExtensions(request);
            using var certificate = SignByAuthority(request, notBefore, notAfter, serial);
            return new ClientCertificatePem(certificate.ExportCertificatePem(), pkcs8 ? key.ExportPkcs8PrivateKeyPem() : key.ExportECPrivateKeyPem());
        }
        else
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            AddClientExtensions(request);
            using var certificate = SignByAuthority(request, notBefore, notAfter, serial);
            return new ClientCertificatePem(certificate.ExportCertificatePem(), pkcs8 ? key.ExportPkcs8PrivateKeyPem() : key.ExportRSAPrivateKeyPem());
        }
    }

    /// <summary>A serving certificate for 127.0.0.1 signed by the same CA, with its key.</summary>
    public static X509Certificate2 CreateServer()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.Create(_authority.Value.Certificate, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(8));
        using var withKey = certificate.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    // The CA key is RSA; an ECDSA leaf needs the explicit signature generator overload.
    private static X509Certificate2 SignByAuthority(CertificateRequest request, DateTimeOffset notBefore, DateTimeOffset notAfter, byte[] serial)
    {
        var authority = _authority.Value.Certificate;
        using var authorityKey = authority.GetRSAPrivateKey()!;
        return request.Create(authority.SubjectName, X509SignatureGenerator.CreateForRSA(authorityKey, RSASignaturePadding.Pkcs1), notBefore, notAfter, serial);
    }

    private static void AddClientExtensions(CertificateRequest request) =>
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));

    private static (X509Certificate2, string) CreateAuthority()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=canaryflow-test-ca", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var loaded = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        return (loaded, certificate.ExportCertificatePem());
    }
}

/// <summary>A client certificate and its private key as PEM text.</summary>
public sealed record ClientCertificatePem(string CertificatePem, string KeyPem);
