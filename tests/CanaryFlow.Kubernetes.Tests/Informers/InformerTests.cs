using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Informers;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Tests.Infrastructure;
using CanaryFlow.LocalCluster;
using CanaryFlow.LocalCluster.Faults;
using Microsoft.Extensions.Logging.Abstractions;

namespace CanaryFlow.Kubernetes.Tests.Informers;

/// <summary>Informers against LocalCluster: they follow changes, scope by selector, index, and converge after failures.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InformerTests(ClusterFixture cluster)
{
    private static readonly InformerOptions _fastRecovery = new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(400),
    };

    private ResourceClient<ConfigMap> ConfigMaps => cluster.Client.Resource<ConfigMap>(ResourceTypes.ConfigMaps);

    [Fact]
    public async Task Follows_creates_updates_and_deletes_and_tells_the_handler_in_order()
    {
        var ns = await cluster.CreateNamespaceAsync();
        await ConfigMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "before", Namespace = ns } });
        var recorder = new RecordingHandler();
        var informer = new Informer<ConfigMap>(ConfigMaps, _fastRecovery with { Namespace = ns }, NullLogger.Instance);
        informer.AddHandler(recorder);
        using var stop = new CancellationTokenSource();
        var running = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(informer.Cache.Get(ns, "before"));

        await ConfigMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "after", Namespace = ns } });
        await ConfigMaps.PatchAsync(ns, "after", Patch.Merge(JsonNode.Parse("""{"data":{"v":"2"}}""")!));
        await ConfigMaps.DeleteAsync(ns, "before");
        await Eventually.Async(() => recorder.Events.Count >= 4 ? true : null);

        Assert.Equal(["added before", "added after", "updated after", "deleted before"], recorder.Events);
        Assert.Equal("2", informer.Cache.Get(ns, "after")!.Data!["v"]);
        Assert.Null(informer.Cache.Get(ns, "before"));
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_label_selected_informer_caches_only_matching_objects_and_drops_one_that_stops_matching()
    {
        var ns = await cluster.CreateNamespaceAsync();
        var recorder = new RecordingHandler();
        var informer = new Informer<ConfigMap>(ConfigMaps, _fastRecovery with { Namespace = ns, LabelSelector = "owned-by=canaryflow" }, NullLogger.Instance);
        informer.AddHandler(recorder);
        using var stop = new CancellationTokenSource();
        var running = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        await ConfigMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "mine", Namespace = ns, Labels = new Dictionary<string, string> { ["owned-by"] = "canaryflow" } } });
        await ConfigMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "theirs", Namespace = ns } });
        await Eventually.Async(() => informer.Cache.Get(ns, "mine"));
        Assert.Null(informer.Cache.Get(ns, "theirs"));
        Assert.Single(informer.Cache.ByLabel("owned-by", "canaryflow"));

        await ConfigMaps.PatchAsync(ns, "mine", Patch.Merge(JsonNode.Parse("""{"metadata":{"labels":{"owned-by":null}}}""")!));
        // Handlers run just after the cache changes: wait for both, not only the cache.
        await Eventually.Async(() => informer.Cache.Get(ns, "mine") is null && recorder.Events.Count >= 2 ? true : null);
        Assert.Equal(["added mine", "deleted mine"], recorder.Events);
        Assert.Empty(informer.Cache.ByLabel("owned-by", "canaryflow"));
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task Indexes_find_objects_by_owner_and_namespace()
    {
        var ns = await cluster.CreateNamespaceAsync();
        var owner = await ConfigMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "owner", Namespace = ns } });
        var reference = new OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid };
        await ConfigMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "child-1", Namespace = ns, OwnerReferences = [reference] } });
        await ConfigMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "child-2", Namespace = ns, OwnerReferences = [reference] } });

        var informer = new Informer<ConfigMap>(ConfigMaps, _fastRecovery, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["child-1", "child-2"], informer.Cache.ByOwner(owner.Metadata.Uid!).Select(c => c.Metadata.Name!).Order());
        Assert.Equal(3, informer.Cache.List(ns).Count);
        await stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_cut_watch_is_resumed_from_the_last_version_without_a_relist()
    {
        await using var server = await LocalClusterServer.StartAsync(new LocalClusterOptions { SimulateWorkloads = false });
        var (connection, directory) = ClusterFixture.Connect(server);
        using var client = new KubernetesClient(connection);
        try
        {
            var configMaps = client.Resource<ConfigMap>(ResourceTypes.ConfigMaps);
            var informer = new Informer<ConfigMap>(configMaps, _fastRecovery with { Namespace = "default" }, NullLogger.Instance);
            using var stop = new CancellationTokenSource();
            var running = informer.RunAsync(stop.Token);
            await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

            await configMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "one", Namespace = "default" } });
            await Eventually.Async(() => informer.Cache.Get("default", "one"));
            server.DropWatches();
            await configMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "two", Namespace = "default" } });
            await Eventually.Async(() => informer.Cache.Get("default", "two"));

            Assert.Equal(1, informer.Lists);
            Assert.True(informer.Watches >= 2);
            await stop.CancelAsync();
            await running;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// The informer's cache converges to the server's state whatever happens in between: watches cut, history
    /// compacted (410 Expired), lists and watches failing with 500. Compared with a fresh list at the end.
    /// </summary>
    [Fact]
    public async Task Converges_to_the_server_state_after_dropped_watches_expiry_and_errors()
    {
        await using var server = await LocalClusterServer.StartAsync(new LocalClusterOptions { SimulateWorkloads = false, WatchHistoryCapacity = 50 });
        var (connection, directory) = ClusterFixture.Connect(server);
        using var client = new KubernetesClient(connection, new KubernetesClientOptions { Retry = RetryPolicy.None });
        try
        {
            var configMaps = client.Resource<ConfigMap>(ResourceTypes.ConfigMaps);
            var informer = new Informer<ConfigMap>(configMaps, _fastRecovery with { Namespace = "default" }, NullLogger.Instance);
            using var stop = new CancellationTokenSource();
            var running = informer.RunAsync(stop.Token);
            await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

            var random = new Random(42);
            for (var round = 0; round < 120; round++)
            {
                var name = $"cm-{random.Next(25)}";
                try
                {
                    switch (random.Next(3))
                    {
                        case 0:
                            await configMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = name, Namespace = "default" } });
                            break;
                        case 1:
                            await configMaps.PatchAsync("default", name, Patch.Merge(new JsonObject { ["data"] = new JsonObject { ["round"] = round.ToString(System.Globalization.CultureInfo.InvariantCulture) } }));
                            break;
                        default:
                            await configMaps.DeleteAsync("default", name);
                            break;
                    }
                }
                catch (KubernetesApiException e) when (e.IsNotFound || e.IsAlreadyExists)
                {
                    // Random operations on random names: some do not apply.
                }

                switch (round % 20)
                {
                    case 5:
                        server.DropWatches();
                        break;
                    case 10:
                        server.CompactWatchHistory();
                        server.DropWatches();
                        break;
                    case 15:
                        server.Faults.Set(new FaultRule { Verb = "watch", InternalErrorProbability = 0.5 }, new FaultRule { Verb = "list", InternalErrorProbability = 0.5 });
                        server.DropWatches();
                        break;
                    case 19:
                        server.Faults.Clear();
                        break;
                }
            }

            server.Faults.Clear();
            var truth = await configMaps.ListAllAsync("default");
            var expected = truth.Items.ToDictionary(c => c.Metadata.Name!, c => c.Metadata.ResourceVersion);
            await Eventually.Async(() =>
            {
                var cached = informer.Cache.List().ToDictionary(c => c.Metadata.Name!, c => c.Metadata.ResourceVersion);
                return cached.Count == expected.Count && cached.All(kv => expected.TryGetValue(kv.Key, out var rv) && rv == kv.Value) ? true : (bool?)null;
            }, TimeSpan.FromSeconds(20));
            Assert.True(informer.Lists > 1, "the informer should have relisted after the history was compacted");
            await stop.CancelAsync();
            await running;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class RecordingHandler : IInformerHandler<ConfigMap>
    {
        private readonly ConcurrentQueue<string> _events = new();

        public IReadOnlyList<string> Events => [.. _events];

        public void OnAdded(ConfigMap obj) => _events.Enqueue("added " + obj.Metadata.Name);

        public void OnUpdated(ConfigMap oldObj, ConfigMap newObj) => _events.Enqueue("updated " + newObj.Metadata.Name);

        public void OnDeleted(ConfigMap obj) => _events.Enqueue("deleted " + obj.Metadata.Name);
    }
}
