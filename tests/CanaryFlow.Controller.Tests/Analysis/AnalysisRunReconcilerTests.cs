using CanaryFlow.Controller.Analysis;
using CanaryFlow.Controller.Analysis.Providers;
using CanaryFlow.Controller.Caching;
using CanaryFlow.Controller.Queue;
using CanaryFlow.Controller.Rollouts;
using CanaryFlow.Controller.Tests.EndToEnd;
using CanaryFlow.Controller.Tests.Infrastructure.Prometheus;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.Kubernetes.Events;
using CanaryFlow.Kubernetes.Informers;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CanaryFlow.Controller.Tests.Analysis;

/// <summary>The run reconciler against LocalCluster and the real Prometheus: measuring, scheduling, terminating, pruning.</summary>
[Collection(ControllerClusterCollection.Name)]
public sealed class AnalysisRunReconcilerTests(ControllerClusterFixture cluster, PrometheusFixture prometheus) : IAsyncLifetime, IClassFixture<PrometheusFixture>, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private KubernetesClient _client = null!;
    private AnalysisClients _clients = null!;
    private Informer<AnalysisRun> _runs = null!;
    private Informer<Rollout> _rollouts = null!;
    private EventRecorder _events = null!;
    private AnalysisRunReconciler _reconciler = null!;
    private Rollout _rollout = null!;
    private string _ns = "";

    public async Task InitializeAsync()
    {
        _ns = "runs-" + Guid.NewGuid().ToString("N")[..8];
        (await cluster.Kubectl.RunAsync("create", "namespace", _ns)).ShouldSucceed();
        (await cluster.Kubectl.RunAsync(RolloutManifests.Rollout(_ns, "api:1", "[{setWeight: 50}]"), TimeSpan.FromSeconds(60), "apply", "-f", "-")).ShouldSucceed();
        _client = new KubernetesClient(KubeconfigLoader.Load(cluster.Kubectl.KubeconfigPath));
        _clients = AnalysisClients.Create(_client);
        var rollouts = RolloutClients.Create(_client).Rollouts;
        _rollout = await rollouts.GetAsync(_ns, "api");

        // The Rollout's status names its current pod template: runs of that template are never pruned.
        _rollout = await rollouts.PatchAsync(_ns, "api", Patch.Merge(System.Text.Json.Nodes.JsonNode.Parse("""{"status":{"currentPodHash":"current"}}""")!), "status");
        _runs = new Informer<AnalysisRun>(_clients.Runs, new InformerOptions { Namespace = _ns }, NullLogger.Instance);
        _rollouts = new Informer<Rollout>(rollouts, new InformerOptions { Namespace = _ns }, NullLogger.Instance);
        _ = _runs.RunAsync(_stop.Token);
        _ = _rollouts.RunAsync(_stop.Token);
        await Task.WhenAll(_runs.WaitForSyncAsync(_stop.Token), _rollouts.WaitForSyncAsync(_stop.Token));
        _events = new EventRecorder(_client);
        var secrets = new KubernetesSecretReader(_clients.Secrets);
        var measurer = new MetricMeasurer([new PrometheusMetricProvider(prometheus.HttpClient, secrets)], secrets, TimeProvider.System);
        _reconciler = new AnalysisRunReconciler(_runs.Cache, _rollouts.Cache, new RecentWrites<AnalysisRun>(), _clients.Runs, measurer, _events, TimeProvider.System, NullLogger<AnalysisRunReconciler>.Instance);
        prometheus.Workload.SetErrorRatio("reconciler", 0);
        await prometheus.WaitForValueAsync(WorkloadApp.ErrorRatioQuery("reconciler"), v => v == 0);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _events.DisposeAsync();
    }

    public void Dispose()
    {
        _stop.Dispose();
        _client?.Dispose();
    }

    private AnalysisRun NewRun(string name, string hash = "current", string interval = "1h", int count = 2, bool terminate = false) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Namespace = _ns,
            Labels = new Dictionary<string, string> { [RolloutApi.RolloutNameLabel] = "api", [RolloutApi.PodTemplateHashLabel] = hash },
            OwnerReferences = [new OwnerReference { ApiVersion = RolloutApi.ApiVersion, Kind = "Rollout", Name = "api", Uid = _rollout.Metadata.Uid, Controller = true }],
        },
        Spec = new AnalysisRunSpec
        {
            Terminate = terminate ? true : null,
            Metrics =
            [
                new Metric
                {
                    Name = "error-rate",
                    Interval = interval,
                    Count = IntOrString.FromInt32(count),
                    FailureCondition = "result[0] > 0.05",
                    Provider = new MetricProvider { Prometheus = new PrometheusMetric { Address = prometheus.Address.ToString(), Query = WorkloadApp.ErrorRatioQuery("reconciler") } },
                },
            ],
        },
    };

    private async Task<AnalysisRun> CreateAsync(AnalysisRun run)
    {
        var created = await _clients.Runs.CreateAsync(run);
        await Eventually.UntilAsync(() => Task.FromResult(_runs.Cache.Get(_ns, created.Metadata.Name!)), r => r is not null, "the informer to see the run", TimeSpan.FromSeconds(10));
        return created;
    }

    private async Task<ReconcileResult> ReconcileAsync(string name) => await _reconciler.ReconcileAsync(_ns + "/" + name, CancellationToken.None);

    [Fact]
    public async Task A_due_metric_is_measured_written_once_and_the_next_measurement_is_scheduled_at_its_exact_time()
    {
        await CreateAsync(NewRun("scheduled"));

        var result = await ReconcileAsync("scheduled");

        var run = await _clients.Runs.GetAsync(_ns, "scheduled");
        Assert.Equal(AnalysisPhases.Running, run.Status!.Phase);
        var measurement = Assert.Single(run.Status.MetricResults![0].Measurements!);
        Assert.Equal(AnalysisPhases.Successful, measurement.Phase);
        Assert.Equal("[0]", measurement.Value);
        Assert.Equal(measurement.FinishedAt + TimeSpan.FromHours(1), result.RequeueTime);

        // Nothing is due before then: a second reconcile measures nothing and writes nothing.
        await Eventually.UntilAsync(() => Task.FromResult(_runs.Cache.Get(_ns, "scheduled")!), r => r.Metadata.ResourceVersion == run.Metadata.ResourceVersion, "the informer to see the status", TimeSpan.FromSeconds(10));
        var again = await ReconcileAsync("scheduled");
        Assert.Equal(result.RequeueTime, again.RequeueTime);
        Assert.Equal(run.Metadata.ResourceVersion, (await _clients.Runs.GetAsync(_ns, "scheduled")).Metadata.ResourceVersion);
    }

    [Fact]
    public async Task A_terminated_run_ends_without_measuring()
    {
        await CreateAsync(NewRun("terminated", terminate: true));

        var result = await ReconcileAsync("terminated");

        var run = await _clients.Runs.GetAsync(_ns, "terminated");
        Assert.Equal(AnalysisPhases.Successful, run.Status!.Phase);
        Assert.Equal("Terminated: no metric failed", run.Status.Message);
        Assert.Empty(run.Status.MetricResults![0].Measurements ?? []);
        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
    }

    [Fact]
    public async Task Finished_runs_beyond_the_history_limit_are_deleted_but_not_those_of_the_current_template()
    {
        var names = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var name = $"old-{i}";
            await CreateAsync(NewRun(name, hash: "old"));
            await _clients.Runs.PatchAsync(_ns, name, Patch.Merge(System.Text.Json.Nodes.JsonNode.Parse("""{"status":{"phase":"Successful"}}""")!), "status");
            names.Add(name);

            // Creation timestamps have one-second resolution; the pruning keeps the newest by that time.
            await Task.Delay(TimeSpan.FromMilliseconds(1050));
        }

        await CreateAsync(NewRun("current-done", hash: "current"));
        await _clients.Runs.PatchAsync(_ns, "current-done", Patch.Merge(System.Text.Json.Nodes.JsonNode.Parse("""{"status":{"phase":"Failed"}}""")!), "status");
        await Eventually.UntilAsync(() => Task.FromResult(_runs.Cache.List(_ns).Count(r => AnalysisPhases.IsCompleted(r.Status?.Phase))), n => n == 8, "the informer to see every finished run", TimeSpan.FromSeconds(10));

        await ReconcileAsync("old-6");

        var left = (await _clients.Runs.ListAsync(_ns)).Items.Select(r => r.Metadata.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["current-done", "old-2", "old-3", "old-4", "old-5", "old-6"], left);
    }
}
