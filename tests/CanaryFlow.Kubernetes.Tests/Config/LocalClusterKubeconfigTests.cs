using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.LocalCluster;

namespace CanaryFlow.Kubernetes.Tests.Config;

/// <summary>A kubeconfig written by LocalCluster, as kubectl would read it, gives a connection that the server accepts.</summary>
public sealed class LocalClusterKubeconfigTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_kubeconfig_of_a_running_local_cluster_loads_and_authenticates()
    {
        await using var server = await LocalClusterServer.StartAsync(new LocalClusterOptions { SimulateWorkloads = false });
        var path = _directory.Combine("localcluster.kubeconfig");
        server.WriteKubeconfig(path, "team-a");

        var connection = KubeconfigLoader.Load(path, environment: FakeEnvironment.Kubeconfig(_directory.Path));

        Assert.Equal(server.BaseUrl, connection.Server);
        Assert.Equal(server.CaCertificate!.Thumbprint, Assert.Single(connection.CertificateAuthorities!).Thumbprint);
        Assert.Equal("team-a", connection.Namespace);
        var authorization = await connection.Authentication!.GetAuthorizationAsync(CancellationToken.None);
        Assert.Equal(new AuthenticationHeaderValue("Bearer", server.Token), authorization);

        // The CA and token are what the server wants: a request trusting only that CA and carrying the token succeeds.
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
        {
            chain!.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.AddRange(connection.CertificateAuthorities!);
            return chain.Build(new X509Certificate2(certificate!));
        };
        using var http = new HttpClient(handler) { BaseAddress = connection.Server };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/default");
        request.Headers.Authorization = authorization;
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
