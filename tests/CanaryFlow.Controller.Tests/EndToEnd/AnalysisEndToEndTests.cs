using System.Diagnostics;
using System.Text.Json.Nodes;
using CanaryFlow.Controller.Rollouts;
using CanaryFlow.Controller.Tests.Infrastructure.Prometheus;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CanaryFlow.Controller.Tests.EndToEnd;

/// <summary>
/// Metric-driven canaries end to end: the controller process on LocalCluster, measuring a real Prometheus that
/// scrapes a workload whose error ratio per version the test sets.
/// </summary>
[Collection(ControllerClusterCollection.Name)]
public sealed class AnalysisEndToEndTests(ControllerClusterFixture cluster, PrometheusFixture prometheus, ITestOutputHelper output) : IAsyncLifetime, IClassFixture<PrometheusFixture>
{
    private static readonly TimeSpan _long = EndToEndScope.Long;
    private EndToEndScope _scope = null!;
    private string _version = "";

    public async Task InitializeAsync()
    {
        _scope = await EndToEndScope.CreateAsync(cluster.Kubectl, "analysis");

        // Each test's canary is its own series, so the tests never see each other's traffic.
        _version = "v2-" + _scope.Namespace;
        prometheus.Workload.SetErrorRatio(_version, 0);
        await prometheus.WaitForValueAsync(WorkloadApp.ErrorRatioQuery(_version), v => v == 0, _long);
    }

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    [Fact]
    public async Task A_healthy_canary_passes_its_analysis_and_is_promoted()
    {
        _scope.StartController();
        await _scope.ApplyAsync(ErrorRateTemplate(interval: "1s", count: 3));
        await DeployFirstRevisionAsync();

        await _scope.ApplyAsync(Rollout("api:2"));

        var done = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Healthy" && EndToEndScope.Status(r, "stableRS") == EndToEndScope.Status(r, "currentPodHash"), "the analysed update to complete", _long);
        var run = await OnlyRunAsync();
        Assert.Equal("Successful", EndToEndScope.Phase(run));
        var result = run["status"]!["metricResults"]![0]!;
        Assert.Equal(3, result["successful"]!.GetValue<int>());
        var measurement = result["measurements"]![0]!;
        Assert.Equal("[0]", measurement["value"]!.GetValue<string>());
        Assert.Equal(WorkloadApp.ErrorRatioQuery(_version), measurement["query"]!.GetValue<string>());
        Assert.Equal("failureCondition result[0] > 0.05 is false", measurement["condition"]!.GetValue<string>());
        Assert.Contains("AnalysisRunSuccessful", await _scope.EventReasonsAsync("AnalysisRun"));
    }

    [Fact]
    public async Task A_canary_whose_error_rate_rises_is_aborted_with_the_failing_value_in_the_run()
    {
        _scope.StartController();
        await _scope.ApplyAsync(ErrorRateTemplate(interval: "2s", count: 60));
        var stable = await DeployFirstRevisionAsync();
        await _scope.ApplyAsync(Rollout("api:2"));
        var running = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Status(r, "canary.currentStepAnalysisRun") != "", "the analysis to start", _long);
        var runName = EndToEndScope.Status(running, "canary.currentStepAnalysisRun");
        await Eventually.UntilAsync(() => _scope.GetAsync("analysisrun", runName), r => (r["status"]?["metricResults"]?[0]?["successful"]?.GetValue<int>() ?? 0) >= 1, "a first good measurement", _long);

        // The reaction time: from the breach being visible in Prometheus to the canary's weight being 0.
        prometheus.Workload.SetErrorRatio(_version, 0.5);
        using var client = new KubernetesClient(KubeconfigLoader.Load(cluster.Kubectl.KubeconfigPath));
        var rollouts = RolloutClients.Create(client).Rollouts;
        var clock = Stopwatch.StartNew();
        var breachVisible = WhenAsync(async () => (await prometheus.CreateClient().QueryAsync(WorkloadApp.ErrorRatioQuery(_version), CancellationToken.None)).Samples is [{ } sample] && sample.Value > 0.05, clock);
        var weightZero = WhenAsync(async () => (await rollouts.GetAsync(_scope.Namespace, "api")).Status is { Phase: "Degraded", Canary.Weights.Canary: 0 }, clock);
        var reaction = await weightZero - await breachVisible;
        output.WriteLine($"abort reaction: {reaction.TotalMilliseconds:F0} ms (interval 2 s)");

        var aborted = await _scope.RolloutAsync();
        Assert.Contains("error-rate", EndToEndScope.Status(aborted, "abortReason"), StringComparison.Ordinal);
        Assert.Equal(stable, await _scope.JsonPathAsync("{.spec.selector.rollouts-pod-template-hash}", "svc", "api-canary", "-n", _scope.Namespace));
        var run = await _scope.GetAsync("analysisrun", runName);
        Assert.Equal("Failed", EndToEndScope.Phase(run));
        var failed = run["status"]!["metricResults"]![0]!["measurements"]!.AsArray().Last()!;
        Assert.Equal("Failed", failed["phase"]!.GetValue<string>());
        Assert.True(double.Parse(failed["value"]!.GetValue<string>().Trim('[', ']'), System.Globalization.CultureInfo.InvariantCulture) > 0.05, failed.ToJsonString());
        Assert.Equal("failureCondition result[0] > 0.05 is true", failed["condition"]!.GetValue<string>());
        var abortEvent = (await _scope.EventsAsync()).Single(e => e["reason"]!.GetValue<string>() == "AnalysisRunFailed");
        Assert.Contains("metric error-rate", abortEvent["note"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("failureCondition result[0] > 0.05 is true", abortEvent["note"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("MetricFailed", await _scope.EventReasonsAsync("AnalysisRun"));

        // One interval (the next measurement) plus the write path; generous for a busy 2-core machine.
        Assert.True(reaction < TimeSpan.FromSeconds(2 + 3), $"the abort took {reaction} after the breach was visible");
    }

    [Fact]
    public async Task With_prometheus_down_the_analysis_errors_and_aborts_and_never_promotes()
    {
        _scope.StartController();
        await _scope.ApplyAsync(ErrorRateTemplate(interval: "1s", count: 5, consecutiveErrorLimit: 1));
        var stable = await DeployFirstRevisionAsync();
        await _scope.ApplyAsync(Rollout("api:2"));
        var running = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Status(r, "canary.currentStepAnalysisRun") != "", "the analysis to start", _long);
        var runName = EndToEndScope.Status(running, "canary.currentStepAnalysisRun");
        await Eventually.UntilAsync(() => _scope.GetAsync("analysisrun", runName), r => (r["status"]?["metricResults"]?[0]?["successful"]?.GetValue<int>() ?? 0) >= 1, "a first good measurement", _long);

        await prometheus.StopPrometheusAsync();
        try
        {
            // Two errors in a row (the limit is 1), the second 10 s after the first: then the run is in Error.
            var aborted = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Degraded", "the abort after repeated errors", _long);
            Assert.Equal(stable, EndToEndScope.Status(aborted, "stableRS"));
            var run = await _scope.GetAsync("analysisrun", runName);
            Assert.Equal("Error", EndToEndScope.Phase(run));
            var measurements = run["status"]!["metricResults"]![0]!["measurements"]!.AsArray();
            var errors = measurements.Where(m => m!["phase"]!.GetValue<string>() == "Error").ToList();
            Assert.Equal(2, errors.Count);
            Assert.All(errors, e => Assert.Contains(prometheus.Address.Authority, e!["message"]!.GetValue<string>(), StringComparison.Ordinal));
            Assert.DoesNotContain("RolloutCompleted", await _scope.EventReasonsAsync());
        }
        finally
        {
            await prometheus.StartPrometheusAsync();
        }
    }

    [Fact]
    public async Task Promoting_fully_during_an_analysis_terminates_its_run()
    {
        _scope.StartController();
        await _scope.ApplyAsync(ErrorRateTemplate(interval: "1s", count: 600));
        await DeployFirstRevisionAsync();
        await _scope.ApplyAsync(Rollout("api:2"));
        var running = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Status(r, "canary.currentStepAnalysisRun") != "", "the analysis to start", _long);
        var runName = EndToEndScope.Status(running, "canary.currentStepAnalysisRun");

        (await cluster.Kubectl.RunAsync("patch", "rollout", "api", "-n", _scope.Namespace, "--subresource=status", "--type=merge", "-p", """{"status":{"promoteFull":true}}""")).ShouldSucceed();

        await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Healthy" && EndToEndScope.Status(r, "stableRS") == EndToEndScope.Status(r, "currentPodHash"), "the full promotion", _long);
        var run = await Eventually.UntilAsync(() => _scope.GetAsync("analysisrun", runName), r => EndToEndScope.Phase(r) == "Successful", "the run to end", _long);
        Assert.True(run["spec"]!["terminate"]!.GetValue<bool>());
        Assert.Equal("Terminated: no metric failed", EndToEndScope.Status(run, "message"));
    }

    /// <summary>The one AnalysisRun of the test's namespace (its status names it only while the step runs).</summary>
    private async Task<JsonNode> OnlyRunAsync()
    {
        var result = (await cluster.Kubectl.RunAsync("get", "analysisruns", "-n", _scope.Namespace, "-o", "json")).ShouldSucceed();
        return Assert.Single(JsonNode.Parse(result.Stdout)!["items"]!.AsArray())!;
    }

    /// <summary>Applies revision 1 (no analysis happens for the first revision) and returns its hash once Healthy.</summary>
    private async Task<string> DeployFirstRevisionAsync()
    {
        await _scope.ApplyAsync(Rollout("api:1"));
        var healthy = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Healthy", "the first revision", _long);
        return EndToEndScope.Status(healthy, "stableRS");
    }

    private string Rollout(string image) => RolloutManifests.Rollout(
        _scope.Namespace,
        image,
        $$$"""[{setWeight: 50}, {analysis: {templates: [{templateName: error-rate}], args: [{name: version, value: "{{{_version}}}"}]}}, {setWeight: 100}]""",
        replicas: 2);

    private string ErrorRateTemplate(string interval, int count, int? consecutiveErrorLimit = null) => $$$"""
        apiVersion: canaryflow.io/v1alpha1
        kind: AnalysisTemplate
        metadata: {name: error-rate, namespace: {{{_scope.Namespace}}}}
        spec:
          args: [{name: version}]
          metrics:
          - name: error-rate
            interval: {{{interval}}}
            count: {{{count}}}
            {{{(consecutiveErrorLimit is { } limit ? $"consecutiveErrorLimit: {limit}" : "")}}}
            failureCondition: result[0] > 0.05
            provider:
              prometheus:
                address: "{{{prometheus.Address}}}"
                query: '{{{WorkloadApp.ErrorRatioQuery("{{args.version}}")}}}'
        """;

    /// <summary>The time on <paramref name="clock"/> when <paramref name="condition"/> first holds, polling every 50 ms.</summary>
    private static async Task<TimeSpan> WhenAsync(Func<Task<bool>> condition, Stopwatch clock)
    {
        var deadline = clock.Elapsed + _long;
        while (clock.Elapsed < deadline)
        {
            if (await condition())
            {
                return clock.Elapsed;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the condition did not hold within " + _long);
    }
}
