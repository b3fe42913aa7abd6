using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Controller.Analysis;
using CanaryFlow.Controller.Caching;
using CanaryFlow.Controller.Rollouts;
using CanaryFlow.Controller.Routing;
using CanaryFlow.Controller.Tests.EndToEnd;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.Kubernetes.Events;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CanaryFlow.Controller.Tests.Rollouts;

/// <summary>The actuator against LocalCluster: what it writes, and what it does not.</summary>
[Collection(ControllerClusterCollection.Name)]
public sealed class RolloutActuatorTests(ControllerClusterFixture cluster) : IAsyncLifetime, IDisposable
{
    private readonly List<ApiRequestRecord> _requests = [];
    private KubernetesClient _client = null!;
    private EventRecorder _events = null!;
    private RolloutClients _clients = null!;
    private RecentWrites<Rollout> _recent = null!;
    private RolloutActuator _actuator = null!;
    private string _ns = "";

    public async Task InitializeAsync()
    {
        _ns = "act-" + Guid.NewGuid().ToString("N")[..8];
        (await cluster.Kubectl.RunAsync("create", "namespace", _ns)).ShouldSucceed();
        (await cluster.Kubectl.RunAsync(RolloutManifests.Services(_ns), TimeSpan.FromSeconds(60), "apply", "-f", "-")).ShouldSucceed();
        (await cluster.Kubectl.RunAsync(RolloutManifests.Rollout(_ns, "api:1", "[{setWeight: 50}]"), TimeSpan.FromSeconds(60), "apply", "-f", "-")).ShouldSucceed();
        var connection = KubeconfigLoader.Load(cluster.Kubectl.KubeconfigPath);
        _client = new KubernetesClient(connection, new KubernetesClientOptions { RequestCompleted = r => { lock (_requests) { _requests.Add(r); } } });
        _clients = RolloutClients.Create(_client);
        _recent = new RecentWrites<Rollout>();
        _events = new EventRecorder(_client);
        _actuator = new RolloutActuator(_clients, new TrafficRouterSet(), new UnavailableAnalysisRunner(), _events, _recent, NullLogger<RolloutActuator>.Instance);
    }

    public async Task DisposeAsync() => await _events.DisposeAsync();

    public void Dispose() => _client?.Dispose();

    [Fact]
    public async Task The_first_decision_creates_the_replica_set_and_writes_the_status_once()
    {
        var rollout = await _clients.Rollouts.GetAsync(_ns, "api");
        var decision = RolloutDecider.Decide(new ObservedRollout { Rollout = rollout }, DateTimeOffset.UtcNow);

        var writes = await _actuator.ApplyAsync(rollout, decision, CancellationToken.None);

        Assert.Equal(decision.Actions.Count + 1, writes);
        var create = decision.Actions.OfType<CreateReplicaSet>().Single();
        var rs = await _clients.ReplicaSets.GetAsync(_ns, create.Name);
        Assert.Equal("1", rs.Metadata.Annotations![RolloutApi.RevisionAnnotation]);
        Assert.Equal(create.Hash, rs.Metadata.Labels![RolloutApi.PodTemplateHashLabel]);
        Assert.Equal("api", rs.Metadata.Labels[RolloutApi.RolloutNameLabel]);
        var owner = Assert.Single(rs.Metadata.OwnerReferences!);
        Assert.Equal(rollout.Metadata.Uid, owner.Uid);
        Assert.True(owner.Controller);
        Assert.Equal(create.Hash, rs.Spec!.Selector!.MatchLabels![RolloutApi.PodTemplateHashLabel]);
        Assert.Equal(create.Hash, rs.Spec.Template!.Metadata!.Labels![RolloutApi.PodTemplateHashLabel]);
        var stored = await _clients.Rollouts.GetAsync(_ns, "api");
        Assert.Equal("Progressing", stored.Status!.Phase);

        // The informer copy (here: the one read before) is older than what was written: the written one wins.
        Assert.Equal(stored.Metadata.ResourceVersion, _recent.Newest(rollout).Metadata.ResourceVersion);
        await _events.FlushAsync();
        var reasons = await cluster.Kubectl.RunAsync("get", "events.v1.events.k8s.io", "-n", _ns, "-o", "jsonpath={.items[*].reason}");
        Assert.Equal("RolloutUpdated", reasons.ShouldSucceed().Stdout);
    }

    [Fact]
    public async Task An_unchanged_status_is_not_written()
    {
        var rollout = await _clients.Rollouts.GetAsync(_ns, "api");
        var now = DateTimeOffset.UtcNow;
        var first = RolloutDecider.Decide(new ObservedRollout { Rollout = rollout }, now);
        await _actuator.ApplyAsync(rollout, first, CancellationToken.None);
        var written = await _clients.Rollouts.GetAsync(_ns, "api");

        // The first decision's Events are written in the background through the same client: not this test's subject.
        await _events.FlushAsync();
        lock (_requests)
        {
            _requests.Clear();
        }

        var same = new RolloutDecision([], written.Status!, [], null);
        Assert.Equal(0, await _actuator.ApplyAsync(written, same, CancellationToken.None));
        lock (_requests)
        {
            Assert.Empty(_requests);
        }
    }

    [Fact]
    public async Task A_status_decided_from_an_old_copy_is_refused_and_the_verb_is_kept()
    {
        var rollout = await _clients.Rollouts.GetAsync(_ns, "api");
        var decision = RolloutDecider.Decide(new ObservedRollout { Rollout = rollout }, DateTimeOffset.UtcNow);
        (await cluster.Kubectl.RunAsync("patch", "rollout", "api", "-n", _ns, "--subresource=status", "--type=merge", "-p", """{"status":{"promoteFull":true}}""")).ShouldSucceed();

        var error = await Assert.ThrowsAsync<KubernetesApiException>(() => _actuator.ApplyAsync(rollout, decision with { Actions = [] }, CancellationToken.None));

        Assert.True(error.IsConflict);
        var stored = await _clients.Rollouts.GetAsync(_ns, "api");
        Assert.True(stored.Status!.PromoteFull);
    }

    [Fact]
    public async Task Fields_of_the_status_this_version_does_not_model_survive_a_write()
    {
        (await cluster.Kubectl.RunAsync("patch", "rollout", "api", "-n", _ns, "--subresource=status", "--type=merge", "-p", """{"status":{"phase":"Progressing","git":{"stableRevision":"abc123"}}}""")).ShouldSucceed();
        var rollout = await _clients.Rollouts.GetAsync(_ns, "api");
        var decision = RolloutDecider.Decide(new ObservedRollout { Rollout = rollout }, DateTimeOffset.UtcNow);

        await _actuator.ApplyAsync(rollout, decision, CancellationToken.None);

        var stored = await _clients.Rollouts.GetAsync(_ns, "api");
        Assert.Equal("abc123", stored.Status!.Git!.StableRevision);
    }

    [Fact]
    public void The_replica_set_keeps_unknown_template_fields_and_adds_only_the_hash_label()
    {
        var template = JsonNode.Parse("""{"metadata":{"labels":{"app":"api"}},"spec":{"containers":[{"name":"api","image":"api:1","futureField":{"x":1}}],"futurePodField":true}}""")!.AsObject();
        var rollout = new Rollout
        {
            Metadata = new ObjectMeta { Name = "api", Namespace = "prod", Uid = "u1" },
            Spec = new RolloutSpec { Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "api" } } },
        };

        var rs = ReplicaSetFactory.Create(rollout, new CreateReplicaSet("api-h1", "h1", 3, template, 2));

        var json = JsonNode.Parse(JsonSerializer.Serialize(rs, CanaryFlow.Kubernetes.Serialization.KubernetesSerializer.GetTypeInfo<ReplicaSet>()))!;
        Assert.Equal(1, json["spec"]!["template"]!["spec"]!["containers"]![0]!["futureField"]!["x"]!.GetValue<int>());
        Assert.True(json["spec"]!["template"]!["spec"]!["futurePodField"]!.GetValue<bool>());
        Assert.Equal("""{"app":"api","rollouts-pod-template-hash":"h1"}""", json["spec"]!["template"]!["metadata"]!["labels"]!.ToJsonString());
        Assert.Null(template["metadata"]!["labels"]![RolloutApi.PodTemplateHashLabel]);
        Assert.Equal(2, rs.Spec!.Replicas);

        // The Rollout's template as hashed, for undo: without the hash label, unknown fields and all.
        Assert.Equal("3", rs.Metadata.Annotations![RolloutApi.RevisionAnnotation]);
        Assert.Equal(
            """{"metadata":{"labels":{"app":"api"}},"spec":{"containers":[{"futureField":{"x":1},"image":"api:1","name":"api"}],"futurePodField":true}}""",
            rs.Metadata.Annotations[RolloutTemplateAnnotation.Key]);
    }
}
