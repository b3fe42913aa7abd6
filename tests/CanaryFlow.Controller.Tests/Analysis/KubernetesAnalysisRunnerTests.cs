using CanaryFlow.Controller.Analysis;
using CanaryFlow.Controller.Caching;
using CanaryFlow.Controller.Rollouts;
using CanaryFlow.Controller.Tests.EndToEnd;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.Kubernetes.Informers;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CanaryFlow.Controller.Tests.Analysis;

/// <summary>The Rollout controller's side of analysis against LocalCluster: runs created, observed and terminated.</summary>
[Collection(ControllerClusterCollection.Name)]
public sealed class KubernetesAnalysisRunnerTests(ControllerClusterFixture cluster) : IAsyncLifetime, IDisposable
{
    private KubernetesClient _client = null!;
    private AnalysisClients _clients = null!;
    private readonly CancellationTokenSource _stop = new();
    private KubernetesAnalysisRunner _runner = null!;
    private Rollout _rollout = null!;
    private string _ns = "";

    private static RolloutAnalysis Analysis(string template) => new() { Templates = [new AnalysisTemplateReference { TemplateName = template }] };

    public async Task InitializeAsync()
    {
        _ns = "runner-" + Guid.NewGuid().ToString("N")[..8];
        (await cluster.Kubectl.RunAsync("create", "namespace", _ns)).ShouldSucceed();
        (await cluster.Kubectl.RunAsync(RolloutManifests.Rollout(_ns, "api:1", "[{setWeight: 50}]"), TimeSpan.FromSeconds(60), "apply", "-f", "-")).ShouldSucceed();
        (await cluster.Kubectl.RunAsync($$$"""
            apiVersion: canaryflow.io/v1alpha1
            kind: AnalysisTemplate
            metadata: {name: error-rate, namespace: {{{_ns}}}}
            spec:
              args: [{name: version}]
              metrics:
              - name: error-rate
                interval: 5s
                count: 2
                failureCondition: result[0] > 0.05
                provider:
                  prometheus: {address: "http://127.0.0.1:9", query: 'errors{version="{{args.version}}"}'}
            """, TimeSpan.FromSeconds(60), "apply", "-f", "-")).ShouldSucceed();
        _client = new KubernetesClient(KubeconfigLoader.Load(cluster.Kubectl.KubeconfigPath));
        _clients = AnalysisClients.Create(_client);
        _rollout = await RolloutClients.Create(_client).Rollouts.GetAsync(_ns, "api");
        var templates = new Informer<AnalysisTemplate>(_clients.Templates, new InformerOptions { Namespace = _ns }, NullLogger.Instance);
        _ = templates.RunAsync(_stop.Token);
        await templates.WaitForSyncAsync(_stop.Token);

        // The runs' cache stays empty, as an informer's is in the moment after a create: only our own writes are known.
        _runner = new KubernetesAnalysisRunner(_clients, new ObjectCache<AnalysisRun>(), new RecentWrites<AnalysisRun>(), new CachedAnalysisTemplates(templates.Cache, new ObjectCache<ClusterAnalysisTemplate>()), TimeProvider.System, NullLogger<KubernetesAnalysisRunner>.Instance);
    }

    public async Task DisposeAsync() => await _stop.CancelAsync();

    public void Dispose()
    {
        _stop.Dispose();
        _client?.Dispose();
    }

    [Fact]
    public async Task A_started_run_is_owned_by_the_rollout_and_observed_before_the_cache_has_it()
    {
        await _runner.StartAsync(_rollout, new StartAnalysis("api-abc-0-2", Analysis("error-rate") with { Args = [new AnalysisArgument { Name = "version", Value = "v2" }] }, Background: false), CancellationToken.None);

        var run = await _clients.Runs.GetAsync(_ns, "api-abc-0-2");
        var owner = Assert.Single(run.Metadata.OwnerReferences!);
        Assert.Equal(_rollout.Metadata.Uid, owner.Uid);
        Assert.True(owner.Controller);
        Assert.Equal("api", run.Metadata.Labels![RolloutApi.RolloutNameLabel]);
        Assert.Equal("v2", Assert.Single(run.Spec!.Args!).Value);
        Assert.Equal("error-rate", Assert.Single(run.Spec.Metrics!).Name);

        // The informer has not delivered it yet: the runner still reports it, so the decider does not wait blind.
        var observed = _runner.Observe(_rollout);
        Assert.Equal(AnalysisPhase.Pending, observed["api-abc-0-2"].Phase);
    }

    [Fact]
    public async Task A_run_that_cannot_be_built_is_created_in_error_with_the_reason()
    {
        await _runner.StartAsync(_rollout, new StartAnalysis("api-abc-0-3", Analysis("missing"), Background: false), CancellationToken.None);

        var run = await _clients.Runs.GetAsync(_ns, "api-abc-0-3");
        Assert.Equal(AnalysisPhases.Error, run.Status!.Phase);
        Assert.Equal("AnalysisTemplate missing not found", run.Status.Message);
        var observed = _runner.Observe(_rollout)["api-abc-0-3"];
        Assert.Equal(AnalysisPhase.Error, observed.Phase);
        Assert.Equal("AnalysisTemplate missing not found", observed.Message);
    }

    [Fact]
    public async Task Starting_twice_is_harmless_but_a_foreign_run_of_the_same_name_is_refused()
    {
        var request = new StartAnalysis("api-abc-0-4", Analysis("error-rate") with { Args = [new AnalysisArgument { Name = "version", Value = "v2" }] }, Background: true);
        await _runner.StartAsync(_rollout, request, CancellationToken.None);
        await _runner.StartAsync(_rollout, request, CancellationToken.None);
        Assert.Equal("true", (await _clients.Runs.GetAsync(_ns, "api-abc-0-4")).Metadata.Labels![AnalysisRunFactory.BackgroundLabel]);

        await _clients.Runs.CreateAsync(new AnalysisRun { Metadata = new ObjectMeta { Name = "api-abc-0-5", Namespace = _ns }, Spec = new AnalysisRunSpec { Metrics = [] } });
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _runner.StartAsync(_rollout, request with { Name = "api-abc-0-5" }, CancellationToken.None));
        Assert.Contains("not owned by Rollout api", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminate_sets_spec_terminate_and_a_run_already_gone_is_no_error()
    {
        await _runner.StartAsync(_rollout, new StartAnalysis("api-abc-0-6", Analysis("error-rate") with { Args = [new AnalysisArgument { Name = "version", Value = "v2" }] }, Background: false), CancellationToken.None);

        await _runner.TerminateAsync(_rollout, "api-abc-0-6", CancellationToken.None);
        await _runner.TerminateAsync(_rollout, "never-existed", CancellationToken.None);

        Assert.True((await _clients.Runs.GetAsync(_ns, "api-abc-0-6")).Spec!.Terminate);
    }
}
