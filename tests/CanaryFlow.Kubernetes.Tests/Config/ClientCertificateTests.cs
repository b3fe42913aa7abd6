using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using CanaryFlow.Kubernetes.Config;

namespace CanaryFlow.Kubernetes.Tests.Config;

public sealed class ClientCertificateTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task Kubeconfig_client_certificates_load_with_a_usable_private_key(bool ecdsa, bool pkcs8)
    {
        var client = TestCertificates.CreateClient("kube-admin", ecdsa, pkcs8);
        _directory.Write("pki/client.crt", client.CertificatePem);
        _directory.Write("pki/client.key", client.KeyPem);
        var path = _directory.Write("config", KubeconfigLoaderTests.SingleCluster(
            "server: https://example.com",
            "client-certificate: pki/client.crt\n    client-key: pki/client.key",
            contextExtra: ""));

        var connection = KubeconfigLoader.Load(path, environment: FakeEnvironment.Kubeconfig(_directory.Path));
        var certificate = await connection.ClientCertificate!.GetCertificateAsync(CancellationToken.None);

        Assert.Null(connection.Authentication);
        Assert.Equal("CN=kube-admin, O=system:masters", certificate!.Subject);
        Assert.True(certificate.HasPrivateKey);
        Assert.NotNull(ecdsa ? certificate.GetECDsaPrivateKey() : certificate.GetRSAPrivateKey());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_certificate_works_in_a_mutual_tls_handshake(bool ecdsa)
    {
        var client = TestCertificates.CreateClient("mtls-user", ecdsa);
        using var source = StaticClientCertificate.FromPem(client.CertificatePem, client.KeyPem);
        using var serverCertificate = TestCertificates.CreateServer();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var serverSide = AcceptAndReadClientSubjectAsync(listener, serverCertificate, timeout.Token);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        await using var tls = new SslStream(tcp.GetStream());
        var clientCertificate = await source.GetCertificateAsync(timeout.Token);
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                ClientCertificates = [clientCertificate!],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
            timeout.Token);
        await tls.WriteAsync(new byte[] { 1 }, timeout.Token);

        Assert.Equal("CN=mtls-user, O=system:masters", await serverSide);
    }

    private static async Task<string?> AcceptAndReadClientSubjectAsync(TcpListener listener, X509Certificate2 serverCertificate, CancellationToken cancellationToken)
    {
        using var accepted = await listener.AcceptTcpClientAsync(cancellationToken);
        await using var tls = new SslStream(accepted.GetStream());
        await tls.AuthenticateAsServerAsync(
            new SslServerAuthenticationOptions
            {
                ServerCertificate = serverCertificate,
                ClientCertificateRequired = true,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
            },
            cancellationToken);
        await tls.ReadExactlyAsync(new byte[1], cancellationToken);
        return tls.RemoteCertificate?.Subject;
    }
}
