using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

namespace CanaryFlow.LocalCluster.Tests.Infrastructure;

/// <summary>
/// A LocalCluster over HTTPS with a bearer token, started in-process on a free port, plus an HttpClient that
/// trusts its CA and presents the token. Tests that need their own server (fault injection, a fake clock)
/// start one with <see cref="StartAsync"/>.
/// </summary>
public sealed class LocalClusterFixture : IAsyncLifetime
{
    public LocalClusterServer Server { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await LocalClusterServer.StartAsync(new LocalClusterOptions { PodReadinessDelay = TimeSpan.FromMilliseconds(200) });
        Http = CreateClient(Server);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    public static async Task<(LocalClusterServer Server, HttpClient Http)> StartAsync(LocalClusterOptions options)
    {
        var server = await LocalClusterServer.StartAsync(options);
        return (server, CreateClient(server));
    }

    /// <summary>An HttpClient that verifies the server certificate against the cluster's own CA only.</summary>
    public static HttpClient CreateClient(LocalClusterServer server, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var handler = new SocketsHttpHandler();
        if (server.CaCertificate is { } ca)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }

        var client = new HttpClient(handler) { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? server.Token);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class LocalClusterCollection : ICollectionFixture<LocalClusterFixture>
{
    public const string Name = "LocalCluster";
}
