using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>
/// A LocalCluster of one test's own, for tests that change server-wide state (faults, tokens, compacted history,
/// expired continue tokens) or need non-default options; the shared server stays untouched.
/// </summary>
public sealed class DedicatedCluster : IAsyncDisposable
{
    private DedicatedCluster(LocalClusterServer server, HttpClient http)
    {
        Server = server;
        Http = http;
    }

    public LocalClusterServer Server { get; }
    public HttpClient Http { get; }

    public static async Task<DedicatedCluster> StartAsync(LocalClusterOptions? options = null)
    {
        // The workload simulators are not needed for protocol checks and would only add background writes.
        var (server, http) = await LocalClusterFixture.StartAsync(options ?? new LocalClusterOptions { SimulateWorkloads = false });
        return new DedicatedCluster(server, http);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
