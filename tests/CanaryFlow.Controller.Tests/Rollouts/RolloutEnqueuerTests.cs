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
