using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Controller.Tests.EndToEnd;

/// <summary>The controller process against LocalCluster, driven only through real kubectl, as a person would.</summary>
[Collection(ControllerClusterCollection.Name)]
public sealed class RolloutEndToEndTests(ControllerClusterFixture cluster) : IAsyncLifetime
{
    private static readonly TimeSpan _long = EndToEndScope.Long;
    private readonly Kubectl _kubectl = cluster.Kubectl;
    private EndToEndScope _scope = null!;
    private string _ns = "";

    public async Task InitializeAsync()
    {
        _scope = await EndToEndScope.CreateAsync(_kubectl);
        _ns = _scope.Namespace;
    }

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    [Fact]
    public async Task A_rollout_applied_with_kubectl_completes_its_steps()
    {
        StartController();
        await ApplyAsync(RolloutManifests.Rollout(_ns, "api:1", "[{setWeight: 50}, {pause: {duration: 1s}}, {setWeight: 75}]"));
        (await _kubectl.RunAsync("wait", "--for=condition=Ready", "rollout/api", "-n", _ns, "--timeout=60s")).ShouldSucceed();
        var first = await RolloutAsync();
        var firstHash = first["status"]!["stableRS"]!.GetValue<string>();

        await ApplyAsync(RolloutManifests.Rollout(_ns, "api:2", "[{setWeight: 50}, {pause: {duration: 1s}}, {setWeight: 75}]"));
        var done = await Eventually.UntilAsync(RolloutAsync, r => Phase(r) == "Healthy" && Status(r, "stableRS") != firstHash && Status(r, "stableRS") == Status(r, "currentPodHash"), "the update to complete", _long);

        var stable = Status(done, "stableRS");
        Assert.Equal("4", await JsonPathAsync("{.spec.replicas}", "rs", "api-" + stable, "-n", _ns));
        await Eventually.UntilAsync(() => JsonPathAsync("{.spec.replicas}", "rs", "api-" + firstHash, "-n", _ns), r => r == "0", "the old stable to scale to zero", _long);
        Assert.Equal(stable, await JsonPathAsync("{.spec.selector.rollouts-pod-template-hash}", "svc", "api-stable", "-n", _ns));
        var reasons = await EventReasonsAsync();
        Assert.Equal(["RolloutUpdated", "RolloutAvailable", "RolloutUpdated", "TrafficWeightUpdated", "RolloutStepCompleted", "RolloutPaused", "RolloutResumed", "RolloutStepCompleted", "TrafficWeightUpdated", "RolloutStepCompleted", "RolloutCompleted"], reasons);
        (await _kubectl.RunAsync("wait", "--for=condition=Ready", "rollout/api", "-n", _ns, "--timeout=60s")).ShouldSucceed();
    }

    [Fact]
    public async Task An_abort_patched_into_the_status_returns_traffic_to_stable()
    {
        StartController();
        await ApplyAsync(RolloutManifests.Rollout(_ns, "api:1", "[{setWeight: 50}, {pause: {}}]"));
        var stable = Status(await Eventually.UntilAsync(RolloutAsync, r => Phase(r) == "Healthy", "the first revision", _long), "stableRS");
        await ApplyAsync(RolloutManifests.Rollout(_ns, "api:2", "[{setWeight: 50}, {pause: {}}]"));
        var paused = await Eventually.UntilAsync(RolloutAsync, r => Phase(r) == "Paused", "the canary to pause", _long);
        var canary = Status(paused, "currentPodHash");
        Assert.Equal(canary, await JsonPathAsync("{.spec.selector.rollouts-pod-template-hash}", "svc", "api-canary", "-n", _ns));

        (await _kubectl.RunAsync("patch", "rollout", "api", "-n", _ns, "--subresource=status", "--type=merge", "-p", """{"status":{"abort":true}}""")).ShouldSucceed();

        await Eventually.UntilAsync(RolloutAsync, r => Phase(r) == "Degraded", "the abort", _long);
        await Eventually.UntilAsync(() => JsonPathAsync("{.spec.replicas}", "rs", "api-" + canary, "-n", _ns), r => r == "0", "the canary to scale to zero", _long);
        Assert.Equal("4", await JsonPathAsync("{.spec.replicas}", "rs", "api-" + stable, "-n", _ns));
        Assert.Equal(stable, await JsonPathAsync("{.spec.selector.rollouts-pod-template-hash}", "svc", "api-canary", "-n", _ns));
        Assert.Contains("RolloutAborted", await EventReasonsAsync());
    }

    [Fact]
    public async Task A_controller_killed_during_a_timed_pause_is_replaced_and_the_pause_ends_on_time()
    {
        var first = StartController();
        await ApplyAsync(RolloutManifests.Rollout(_ns, "api:1", "[{setWeight: 50}, {pause: {duration: 12s}}, {setWeight: 100}]", replicas: 2));
        await Eventually.UntilAsync(RolloutAsync, r => Phase(r) == "Healthy", "the first revision", _long);
        await ApplyAsync(RolloutManifests.Rollout(_ns, "api:2", "[{setWeight: 50}, {pause: {duration: 12s}}, {setWeight: 100}]", replicas: 2));
        var paused = await Eventually.UntilAsync(RolloutAsync, r => Phase(r) == "Paused", "the timed pause", _long);
        var pauseStart = DateTimeOffset.Parse(paused["status"]!["pauseConditions"]![0]!["startTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        await first.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        StartController();

        // The new process continues the same step with the same start time: it neither restarts nor skips the pause.
        var resumed = await Eventually.UntilAsync(RolloutAsync, r => Status(r, "currentStepIndex") != "1", "the pause to end", _long);
        var endedAt = DateTimeOffset.UtcNow;
        Assert.True(endedAt >= pauseStart + TimeSpan.FromSeconds(12), $"the pause ended at {endedAt:O}, before {pauseStart + TimeSpan.FromSeconds(12):O}");
        Assert.True(endedAt <= pauseStart + TimeSpan.FromSeconds(25), $"the pause ended at {endedAt:O}, long after {pauseStart + TimeSpan.FromSeconds(12):O}");
        Assert.Equal(Status(paused, "currentPodHash"), Status(resumed, "currentPodHash"));
        await Eventually.UntilAsync(RolloutAsync, r => Phase(r) == "Healthy", "the update to complete", _long);
        var reasons = await EventReasonsAsync();
        Assert.Equal(1, reasons.Count(r => r == "RolloutPaused"));
        Assert.Equal(1, reasons.Count(r => r == "RolloutResumed"));
    }

    [Fact]
    public async Task Of_two_controllers_one_leads_and_the_other_takes_over_when_it_dies()
    {
        string[] election = ["--leader-elect", "--leader-election-namespace", _ns, "--leader-election-lease-duration", "4s", "--leader-election-renew-deadline", "3s", "--leader-election-retry-period", "1s"];
        var a = StartController(election);
        var b = StartController(election);
        await ApplyAsync(RolloutManifests.Rollout(_ns, "api:1", "[{setWeight: 50}]", replicas: 2));
        await Eventually.UntilAsync(RolloutAsync, r => Phase(r) == "Healthy", "the first revision", _long);

        var leaders = await Eventually.UntilAsync(() => LeadersAsync(a, b), l => l.Count(x => x) == 1, "exactly one leader", _long);
        var holder = await JsonPathAsync("{.spec.holderIdentity}", "lease", "canaryflow-controller", "-n", _ns);
        Assert.NotEmpty(holder);
        var (leader, standby) = leaders[0] ? (a, b) : (b, a);

        await leader.KillAsync();
        await Eventually.UntilAsync(() => LeadersAsync(standby), l => l[0], "the standby to take over", _long);
        Assert.NotEqual(holder, await JsonPathAsync("{.spec.holderIdentity}", "lease", "canaryflow-controller", "-n", _ns));

        await ApplyAsync(RolloutManifests.Rollout(_ns, "api:2", "[{setWeight: 50}]", replicas: 2));
        await Eventually.UntilAsync(RolloutAsync, r => Phase(r) == "Healthy" && Status(r, "stableRS") == Status(r, "currentPodHash") && Status(r, "canary.attempt") == "1", "the new leader to complete an update", _long);
    }

    [Fact]
    public async Task A_canary_that_never_becomes_ready_hits_the_progress_deadline()
    {
        StartController();
        await ApplyAsync(RolloutManifests.Rollout(_ns, "api:1", "[{setWeight: 50}, {pause: {}}]", replicas: 2, extraSpec: "progressDeadlineSeconds: 5"));
        var stable = Status(await Eventually.UntilAsync(RolloutAsync, r => Phase(r) == "Healthy", "the first revision", _long), "stableRS");
        await ApplyAsync(RolloutManifests.Rollout(_ns, "api:2", "[{setWeight: 50}, {pause: {}}]", replicas: 2, extraSpec: "progressDeadlineSeconds: 5", neverReady: true));

        var degraded = await Eventually.UntilAsync(RolloutAsync, r => Phase(r) == "Degraded", "the progress deadline", _long);
        var progressing = degraded["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Progressing")!;
        Assert.Equal("False", progressing["status"]!.GetValue<string>());
        Assert.Equal("ProgressDeadlineExceeded", progressing["reason"]!.GetValue<string>());
        Assert.Contains("ProgressDeadlineExceeded", await EventReasonsAsync());
        Assert.Equal("2", await JsonPathAsync("{.status.availableReplicas}", "rs", "api-" + stable, "-n", _ns));
    }

    [Fact]
    public async Task An_invalid_rollout_is_reported_and_sigterm_stops_the_controller_cleanly()
    {
        var controller = StartController();
        await ApplyAsync(RolloutManifests.Rollout(_ns, "api:1", "[{setWeight: 50}]").Replace("labels: {app: api}", "labels: {app: web}", StringComparison.Ordinal));

        var invalid = await Eventually.UntilAsync(RolloutAsync, r => Phase(r) == "Degraded", "the InvalidSpec report", _long);
        var condition = invalid["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "InvalidSpec")!;
        Assert.Equal("True", condition["status"]!.GetValue<string>());
        Assert.Contains("spec.template.metadata.labels", condition["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("", await JsonPathAsync("{.items[*].metadata.name}", "rs", "-n", _ns));

        Assert.Equal(0, await controller.TerminateAsync(TimeSpan.FromSeconds(30)));
    }

    private ControllerProcess StartController(params string[] extra) => _scope.StartController(extra);

    private Task<string> JsonPathAsync(string template, params string[] arguments) => _scope.JsonPathAsync(template, arguments);

    private Task ApplyAsync(string manifest) => _scope.ApplyAsync(manifest);

    private Task<JsonNode> RolloutAsync() => _scope.RolloutAsync();

    private Task<List<string>> EventReasonsAsync() => _scope.EventReasonsAsync();

    private static string Phase(JsonNode rollout) => EndToEndScope.Phase(rollout);

    private static string Status(JsonNode rollout, string path) => EndToEndScope.Status(rollout, path);

    private static async Task<bool[]> LeadersAsync(params ControllerProcess[] controllers)
    {
        using var http = new HttpClient();
        var result = new bool[controllers.Length];
        for (var i = 0; i < controllers.Length; i++)
        {
            var text = await http.GetStringAsync(new Uri(await controllers[i].MetricsAsync(), "/metrics"));
            result[i] = text.Contains("\ncanaryflow_leader 1", StringComparison.Ordinal);
        }

        return result;
    }
}
