using CanaryFlow.Controller.Caching;
using CanaryFlow.Controller.Queue;
using CanaryFlow.Controller.Rollouts;
using CanaryFlow.Controller.Tests.EndToEnd;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.Kubernetes.Informers;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CanaryFlow.Controller.Tests.Rollouts;

[Collection(ControllerClusterCollection.Name)]
public sealed class RolloutEnqueuerTests(ControllerClusterFixture cluster) : IAsyncLifetime
{
    private readonly WorkQueue<RolloutKey> _queue = new();
    private readonly CancellationTokenSource _stop = new();
    private KubernetesClient _client = null!;
    private Informer<Rollout> _informer = null!;
    private RolloutEnqueuer _enqueuer = null!;
    private Task _running = Task.CompletedTask;
    private string _ns = "";

    public async Task InitializeAsync()
    {
        _ns = "enq-" + Guid.NewGuid().ToString("N")[..8];
        (await cluster.Kubectl.RunAsync("create", "namespace", _ns)).ShouldSucceed();
        foreach (var (name, service) in new[] { ("a", "api-stable"), ("b", "other-stable") })
        {
            var manifest = RolloutManifests.Rollout(_ns, "api:1", "[{setWeight: 50}]").Replace("name: api\n", $"name: {name}\n", StringComparison.Ordinal).Replace("api-stable", service, StringComparison.Ordinal);
            (await cluster.Kubectl.RunAsync(manifest, TimeSpan.FromSeconds(60), "apply", "-f", "-")).ShouldSucceed();
        }

        _client = new KubernetesClient(KubeconfigLoader.Load(cluster.Kubectl.KubeconfigPath));
        _informer = new Informer<Rollout>(RolloutClients.Create(_client).Rollouts, new InformerOptions { Namespace = _ns }, NullLogger.Instance);
        _enqueuer = new RolloutEnqueuer(_queue, _informer.Cache, new RecentWrites<Rollout>());
        _running = _informer.RunAsync(_stop.Token);
        await _informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, _informer.Cache.Count);
    }

    /// <summary>The Rollouts <paramref name="notify"/> queues, through a queue of its own and a worker that takes them.</summary>
    private async Task<List<string>> QueuedAsync(Action<RolloutEnqueuer> notify)
    {
        using var queue = new WorkQueue<RolloutKey>();
        notify(new RolloutEnqueuer(queue, _informer.Cache, new RecentWrites<Rollout>()));
        var count = queue.Depth;
        var keys = new List<string>();
        if (count == 0)
        {
            return keys;
        }

        using var done = new CancellationTokenSource();
        try
        {
            await queue.RunWorkersAsync(1, async (key, _) =>
            {
                keys.Add(key.Name);
                if (keys.Count == count)
                {
                    await done.CancelAsync();
                }

                return ReconcileResult.Done;
            }, done.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return keys;
    }

    private static HttpRoute Route(string ns) => new() { Metadata = new ObjectMeta { Name = "api", Namespace = ns } };

    private Ingress Ingress(string name, string? owner = null) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Namespace = _ns,
            OwnerReferences = owner is null ? null : [new OwnerReference { ApiVersion = RolloutApi.ApiVersion, Kind = "Rollout", Name = owner, Controller = true }],
        },
    };

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _queue.Dispose();
        _client.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public void A_replica_set_change_queues_its_controlling_rollout_only()
    {
        _enqueuer.OnUpdated(ReplicaSet("api", RolloutApi.ApiVersion, "Rollout"), ReplicaSet("api", RolloutApi.ApiVersion, "Rollout"));
        _enqueuer.OnAdded(ReplicaSet("web", "apps/v1", "Deployment"));

        Assert.Equal(1, _queue.Depth);
    }

    [Fact]
    public async Task Route_and_Ingress_changes_queue_the_rollouts_that_name_or_own_them()
    {
        foreach (var (name, routing) in new[] { ("gw", "{gatewayAPI: {httpRoute: api}}"), ("gw-remote", "{gatewayAPI: {httpRoute: api, namespace: edge}}"), ("ngx", RolloutManifests.NginxRouting) })
        {
            var manifest = RolloutManifests.Rollout(_ns, "api:1", "[{setWeight: 50}]", trafficRouting: routing).Replace("name: api\n", $"name: {name}\n", StringComparison.Ordinal);
            (await cluster.Kubectl.RunAsync(manifest, TimeSpan.FromSeconds(60), "apply", "-f", "-")).ShouldSucceed();
        }

        await Eventually.UntilAsync(() => Task.FromResult(_informer.Cache.Count), c => c == 5, "the routed Rollouts to be cached");

        // A route in the Rollout's namespace, then one of the same name in the namespace another Rollout names.
        Assert.Equal(["gw"], await QueuedAsync(e => e.OnUpdated(Route(_ns), Route(_ns))));
        Assert.Equal(["gw-remote"], await QueuedAsync(e => e.OnAdded(Route("edge"))));
        Assert.Empty(await QueuedAsync(e => e.OnDeleted(Route("elsewhere"))));

        // The stable Ingress queues the Rollout that names it; a canary Ingress queues its owner.
        Assert.Equal(["ngx"], await QueuedAsync(e => e.OnAdded(Ingress("api"))));
        Assert.Equal(["ngx"], await QueuedAsync(e => e.OnDeleted(Ingress("api-canary", owner: "ngx"))));
    }

    [Fact]
    public void A_service_selector_change_queues_the_rollouts_that_name_it()
    {
        var before = Service(selectedHash: "h1");

        _enqueuer.OnUpdated(before, before with { Metadata = before.Metadata with { Annotations = new Dictionary<string, string> { ["x"] = "y" } } });
        Assert.Equal(0, _queue.Depth);

        _enqueuer.OnUpdated(before, Service(selectedHash: "h2"));
        Assert.Equal(1, _queue.Depth);
    }

    private static ReplicaSet ReplicaSet(string owner, string apiVersion, string kind) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = owner + "-h",
            Namespace = "prod",
            OwnerReferences = [new OwnerReference { ApiVersion = apiVersion, Kind = kind, Name = owner, Uid = "u", Controller = true }],
        },
    };

    private Service Service(string selectedHash) => new()
    {
        Metadata = new ObjectMeta { Name = "api-stable", Namespace = _ns },
        Spec = new ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "api", [RolloutApi.PodTemplateHashLabel] = selectedHash } },
    };
}
