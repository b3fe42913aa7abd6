using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Tests.Infrastructure;
using CanaryFlow.LocalCluster;
using CanaryFlow.LocalCluster.Faults;

namespace CanaryFlow.Kubernetes.Tests.Client;

/// <summary>Watches, bookmarks, expiry, retries on throttling and authentication failures, against LocalCluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WatchAndResilienceTests(ClusterFixture cluster)
{
    private ResourceClient<ConfigMap> ConfigMaps => cluster.Client.Resource<ConfigMap>(ResourceTypes.ConfigMaps);

    [Fact]
    public async Task Watching_from_a_list_version_yields_the_later_changes_in_order()
    {
        var ns = await cluster.CreateNamespaceAsync();
        await ConfigMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "w", Namespace = ns } });
        var list = await ConfigMaps.ListAsync(ns);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = ConfigMaps.WatchAsync(ns, new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion }, stop.Token).GetAsyncEnumerator(stop.Token);

        await ConfigMaps.PatchAsync(ns, "w", Patch.Merge(JsonNode.Parse("""{"data":{"k":"v"}}""")!));
        await ConfigMaps.DeleteAsync(ns, "w");

        Assert.True(await events.MoveNextAsync());
        Assert.Equal(ResourceEventType.Modified, events.Current.Type);
        Assert.Equal("v", events.Current.Object.Data!["k"]);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal(ResourceEventType.Deleted, events.Current.Type);
        await events.DisposeAsync();
    }

    [Fact]
    public async Task Watching_without_a_version_announces_what_exists_and_bookmarks_advance_the_version()
    {
        var ns = await cluster.CreateNamespaceAsync();
        await ConfigMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "a", Namespace = ns } });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var events = ConfigMaps.WatchAsync(ns, new WatchOptions { AllowBookmarks = true }, stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal(ResourceEventType.Added, events.Current.Type);
        Assert.Equal("a", events.Current.Object.Metadata.Name);

        cluster.Server.SendBookmarks();
        Assert.True(await events.MoveNextAsync());
        Assert.Equal(ResourceEventType.Bookmark, events.Current.Type);
        Assert.False(string.IsNullOrEmpty(events.Current.Object.Metadata.ResourceVersion));
        await events.DisposeAsync();
    }

    [Fact]
    public async Task A_version_older_than_the_history_ends_the_watch_with_an_expired_error()
    {
        var ns = await cluster.CreateNamespaceAsync();
        var list = await ConfigMaps.ListAsync(ns);
        await ConfigMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "x", Namespace = ns } });
        cluster.Server.CompactWatchHistory();

        var error = await Assert.ThrowsAsync<KubernetesApiException>(async () =>
        {
            await foreach (var _ in ConfigMaps.WatchAsync(ns, new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion }))
            {
            }
        });
        Assert.True(error.IsExpired);
        Assert.Equal(410, error.StatusCode);
    }

    [Fact]
    public async Task Throttled_requests_are_repeated_after_the_server_s_retry_after()
    {
        await using var server = await LocalClusterServer.StartAsync(new LocalClusterOptions { SimulateWorkloads = false });
        var (connection, directory) = ClusterFixture.Connect(server);
        using var client = new KubernetesClient(connection);
        try
        {
            server.Faults.Set(new FaultRule { Verb = "list", Resource = "configmaps", TooManyRequestsProbability = 1, RetryAfterSeconds = 1 });
            var listing = client.Resource<ConfigMap>(ResourceTypes.ConfigMaps).ListAsync("default");
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (server.Faults.InjectedCount == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "the request never reached the server");
                await Task.Delay(10);
            }

            server.Faults.Clear();
            var list = await listing;
            Assert.NotNull(list.Metadata.ResourceVersion);
            Assert.True(client.Retries >= 1);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_rejected_token_is_an_unauthorized_error()
    {
        await using var server = await LocalClusterServer.StartAsync(new LocalClusterOptions { SimulateWorkloads = false });
        var (connection, directory) = ClusterFixture.Connect(server);
        using var client = new KubernetesClient(connection);
        try
        {
            server.Access.RotateToken("a-new-token-the-client-does-not-have");
            var error = await Assert.ThrowsAsync<KubernetesApiException>(() => client.Resource<ConfigMap>(ResourceTypes.ConfigMaps).ListAsync("default"));
            Assert.True(error.IsUnauthorized);
            Assert.DoesNotContain(server.Token, error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
