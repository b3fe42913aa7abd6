using System.Text.Json.Nodes;
using CanaryFlow.Cli.Tests.Infrastructure;
using CanaryFlow.Controller.Tests.EndToEnd;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.Cli.Tests;

/// <summary>
/// Every verb through <c>kubectl canaryflow</c> against LocalCluster with the controller running: the verb writes
/// what the semantics say, says so in one line, writes nothing the second time, and the controller acts on it.
/// </summary>
[Collection(PluginCollection.Name)]
public sealed class RolloutVerbTests(PluginCluster cluster) : IAsyncLifetime
{
    private const string _steps = "[{setWeight: 25}, {pause: {}}, {setWeight: 50}, {pause: {}}]";
    private static readonly TimeSpan _long = EndToEndScope.Long;
    private EndToEndScope _scope = null!;

    public async Task InitializeAsync()
    {
        _scope = await EndToEndScope.CreateAsync(cluster.Kubectl, "cli");
        _scope.StartController();
    }

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    private Task<KubectlResult> PluginAsync(params string[] arguments) => cluster.Kubectl.CanaryFlowAsync([.. arguments, "-n", _scope.Namespace]);

    [Fact]
    public async Task Set_image_get_list_promote_pause_resume_and_status_take_a_canary_through_its_steps()
    {
        await _scope.ApplyAsync(RolloutManifests.Rollout(_scope.Namespace, "api:1", _steps));
        var healthy = (await PluginAsync("status", "api", "--timeout", "60s")).ShouldSucceed();
        Assert.EndsWith("Healthy (Healthy: 4 pods of " + EndToEndScope.Status(await _scope.RolloutAsync(), "stableRS") + " available), step 4/4, weight 100 (set 100)", healthy.Stdout.Trim(), StringComparison.Ordinal);

        Assert.Equal($"Rollout {_scope.Namespace}/api image updated: api=api:2", (await PluginAsync("set", "image", "api", "api=api:2")).ShouldSucceed().Stdout.Trim());
        Assert.Equal($"Rollout {_scope.Namespace}/api already runs api=api:2", (await PluginAsync("set", "image", "api", "api=api:2")).ShouldSucceed().Stdout.Trim());
        await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Paused" && EndToEndScope.Status(r, "currentStepIndex") == "1" && EndToEndScope.Status(r, "availableReplicas") == "4", "the canary to pause at step 1", _long);

        var get = (await PluginAsync("get", "rollout", "api")).ShouldSucceed().Stdout;
        Assert.Contains("Phase:          ॥ Paused (CanaryPauseStep)", get, StringComparison.Ordinal);
        Assert.Contains("Step:           1/4 (pause (until promoted))", get, StringComparison.Ordinal);
        Assert.Contains("Set weight:     25", get, StringComparison.Ordinal);
        Assert.Contains("Actual weight:  25", get, StringComparison.Ordinal);
        Assert.Contains("Images:         api:1 (stable), api:2 (canary)", get, StringComparison.Ordinal);
        Assert.Contains("revision 2 (canary)", get, StringComparison.Ordinal);
        Assert.Contains("revision 1 (stable)", get, StringComparison.Ordinal);
        Assert.Matches(@"ReplicaSet api-\w+  1 desired, 1 ready, 1 available  api:2", get);
        Assert.Matches(@"ReplicaSet api-\w+  3 desired, 3 ready, 3 available  api:1", get);
        Assert.Equal(4, get.Split('\n').Count(l => l.Contains("Pod api-", StringComparison.Ordinal) && l.Contains("Running  ready", StringComparison.Ordinal)));

        var list = (await PluginAsync("list", "rollouts")).ShouldSucceed().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+DESIRED\s+CURRENT\s+UP-TO-DATE\s+AVAILABLE\s+PHASE\s+STEP\s+SET WEIGHT\s+WEIGHT\s+AGE$", list[0]);
        Assert.Matches(@"^api\s+4\s+4\s+1\s+4\s+Paused\s+1/4\s+25\s+25\s+\d+s$", list[1]);
        var all = (await cluster.Kubectl.CanaryFlowAsync("list", "rollouts", "-A")).ShouldSucceed().Stdout;
        Assert.Matches($@"(?m)^{_scope.Namespace}\s+api\s+4\s+", all);

        // A pause step holds the gate: status times out (exit 2) and says where the rollout is.
        var gate = (await PluginAsync("status", "api", "--timeout", "2s")).ShouldFailWithOneLine(exitCode: 2);
        Assert.Equal($"error: timed out after 2s waiting for Rollout {_scope.Namespace}/api to be Healthy: Paused (CanaryPauseStep), step 1/4, weight 25 (set 25)", gate);

        Assert.Equal($"Rollout {_scope.Namespace}/api promoted", (await PluginAsync("promote", "api")).ShouldSucceed().Stdout.Trim());
        var second = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Paused" && EndToEndScope.Status(r, "currentStepIndex") == "3", "the promote to reach the second pause", _long);
        Assert.Equal("50", EndToEndScope.Status(second, "canary.weights.canary"));

        Assert.Equal($"Rollout {_scope.Namespace}/api paused", (await PluginAsync("pause", "api")).ShouldSucceed().Stdout.Trim());
        var paused = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Status(r, "pauseConditions").Contains("UserPause", StringComparison.Ordinal), "the controller to record the user's pause", _long);
        Assert.True(paused["spec"]!["paused"]!.GetValue<bool>());
        Assert.Contains("Phase:          ॥ Paused (CanaryPauseStep, UserPause, spec.paused)", (await PluginAsync("get", "rollout", "api")).ShouldSucceed().Stdout, StringComparison.Ordinal);

        // Idempotent: the second pause writes nothing at all.
        Assert.Equal($"Rollout {_scope.Namespace}/api is already paused", (await PluginAsync("pause", "api")).ShouldSucceed().Stdout.Trim());
        Assert.Equal(paused["metadata"]!["resourceVersion"]!.ToString(), (await _scope.RolloutAsync())["metadata"]!["resourceVersion"]!.ToString());

        Assert.Equal($"Rollout {_scope.Namespace}/api resumed", (await PluginAsync("resume", "api")).ShouldSucceed().Stdout.Trim());
        var resumed = await Eventually.UntilAsync(_scope.RolloutAsync, r => !EndToEndScope.Status(r, "pauseConditions").Contains("UserPause", StringComparison.Ordinal), "the controller to lift the user's pause", _long);
        Assert.Null(resumed["spec"]!["paused"]);
        Assert.Equal("Paused", EndToEndScope.Phase(resumed));
        Assert.Equal($"Rollout {_scope.Namespace}/api is not paused", (await PluginAsync("resume", "api")).ShouldSucceed().Stdout.Trim());

        Assert.Equal($"Rollout {_scope.Namespace}/api fully promoted: remaining steps and analysis skipped", (await PluginAsync("promote", "api", "--full")).ShouldSucceed().Stdout.Trim());
        (await PluginAsync("status", "api", "--timeout", "60s")).ShouldSucceed();
        var done = await _scope.RolloutAsync();
        Assert.Equal(EndToEndScope.Status(done, "currentPodHash"), EndToEndScope.Status(done, "stableRS"));
        Assert.Equal($"Rollout {_scope.Namespace}/api has no update in flight; nothing to abort", (await PluginAsync("abort", "api")).ShouldSucceed().Stdout.Trim());
    }

    [Fact]
    public async Task Abort_retry_undo_and_restart_are_carried_out_by_the_controller()
    {
        await _scope.ApplyAsync(RolloutManifests.Rollout(_scope.Namespace, "api:1", _steps, replicas: 2));
        (await PluginAsync("status", "api", "--timeout", "60s")).ShouldSucceed();
        var stable = EndToEndScope.Status(await _scope.RolloutAsync(), "stableRS");
        (await PluginAsync("set", "image", "api", "*=api:2")).ShouldSucceed();
        await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Paused", "the canary to pause", _long);

        Assert.Equal($"Rollout {_scope.Namespace}/api aborted", (await PluginAsync("abort", "api")).ShouldSucceed().Stdout.Trim());
        Assert.Equal($"Rollout {_scope.Namespace}/api is already aborted", (await PluginAsync("abort", "api")).ShouldSucceed().Stdout.Trim());
        var degraded = (await PluginAsync("status", "api", "--timeout", "60s")).ShouldFailWithOneLine(exitCode: 1);
        Assert.StartsWith($"error: Rollout {_scope.Namespace}/api is Degraded", degraded, StringComparison.Ordinal);
        var aborted = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Status(r, "canary.weights.canary") == "0", "traffic back on stable", _long);
        Assert.Equal(stable, EndToEndScope.Status(aborted, "stableRS"));
        var get = (await PluginAsync("get", "rollout", "api")).ShouldSucceed().Stdout;
        Assert.Contains("Phase:          ✖ Degraded", get, StringComparison.Ordinal);
        Assert.Contains("revision 2 (canary, aborted)", get, StringComparison.Ordinal);
        Assert.Contains("Set weight:     0", get, StringComparison.Ordinal);

        Assert.Equal($"Rollout {_scope.Namespace}/api retrying from the first step", (await PluginAsync("retry", "api")).ShouldSucceed().Stdout.Trim());
        await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Paused" && EndToEndScope.Status(r, "abort") is "" or "false" && EndToEndScope.Status(r, "currentStepIndex") == "1", "the retried canary to pause at step 1 again", _long);

        var canary = EndToEndScope.Status(await _scope.RolloutAsync(), "currentPodHash");
        Assert.Equal($"Rollout {_scope.Namespace}/api rolled back to revision 1", (await PluginAsync("undo", "api")).ShouldSucceed().Stdout.Trim());
        var undone = await _scope.RolloutAsync();
        Assert.Equal("api:1", undone["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Status(r, "currentPodHash") != canary, "the controller to take up the undone template", _long);
        (await PluginAsync("promote", "api", "--full")).ShouldSucceed();
        (await PluginAsync("status", "api", "--timeout", "60s")).ShouldSucceed();
        var back = (await PluginAsync("get", "rollout", "api")).ShouldSucceed().Stdout;
        Assert.Contains("Images:         api:1 (stable)", back, StringComparison.Ordinal);
        var missing = (await PluginAsync("undo", "api", "--to-revision", "7")).ShouldFailWithOneLine();
        Assert.Contains("has no revision 7 (known: ", missing, StringComparison.Ordinal);

        // restartAt has whole seconds: a pod created in the same second as it is not "before" it and rightly stays.
        var podsBefore = await PodNamesAsync();
        var newest = await NewestPodCreationAsync();
        await Eventually.UntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow), now => now >= newest.AddSeconds(1), "a second to pass since the newest pod was created");
        Assert.StartsWith($"Rollout {_scope.Namespace}/api restarting pods created before ", (await PluginAsync("restart", "api")).ShouldSucceed().Stdout, StringComparison.Ordinal);
        Assert.NotNull((await _scope.RolloutAsync())["spec"]!["restartAt"]);
        await Eventually.UntilAsync(PodNamesAsync, names => names.Count == 2 && !names.Intersect(podsBefore).Any(), "every pod to be replaced", _long);
    }

    [Fact]
    public async Task Get_watch_redraws_when_the_rollout_moves()
    {
        await _scope.ApplyAsync(RolloutManifests.Rollout(_scope.Namespace, "api:1", _steps, replicas: 2));
        (await PluginAsync("status", "api", "--timeout", "60s")).ShouldSucceed();
        (await PluginAsync("set", "image", "api", "api=api:2")).ShouldSucceed();
        await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Paused", "the canary to pause", _long);

        await using var watch = RunningKubectl.Start(cluster.Kubectl, "canaryflow", "get", "rollout", "api", "--watch", "-n", _scope.Namespace);
        await watch.WaitForOutputAsync(o => o.Contains("Step:           1/4", StringComparison.Ordinal), "the first view");
        (await PluginAsync("promote", "api")).ShouldSucceed();
        var output = await watch.WaitForOutputAsync(o => o.Contains("Step:           3/4 (pause (until promoted))", StringComparison.Ordinal), "the view after promote");
        Assert.Contains("Actual weight:  50", output[output.LastIndexOf("Step:           3/4", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_json_and_yaml_give_the_rollout_and_only_the_objects_it_owns()
    {
        await _scope.ApplyAsync(RolloutManifests.Rollout(_scope.Namespace, "api:1", _steps, replicas: 2));
        (await PluginAsync("status", "api", "--timeout", "60s")).ShouldSucceed();

        // A second Rollout beside it: none of its objects may appear in the first one's tree.
        await _scope.ApplyAsync($$$"""
            apiVersion: canaryflow.io/v1alpha1
            kind: Rollout
            metadata: {name: other, namespace: {{{_scope.Namespace}}}}
            spec:
              replicas: 1
              selector: {matchLabels: {app: other}}
              template:
                metadata: {labels: {app: other}}
                spec: {containers: [{name: other, image: "other:1"}]}
              strategy: {canary: {steps: []}}
            """);
        await Eventually.UntilAsync(() => _scope.GetAsync("rollout", "other"), r => EndToEndScope.Phase(r) == "Healthy", "the other rollout to be healthy", _long);

        var list = JsonNode.Parse((await PluginAsync("get", "rollout", "api", "-o", "json")).ShouldSucceed().Stdout)!;
        Assert.Equal("List", list["kind"]!.GetValue<string>());
        var kinds = list["items"]!.AsArray().Select(i => $"{i!["kind"]} {i["metadata"]!["name"]}").ToList();
        Assert.Equal("Rollout api", kinds[0]);
        Assert.Single(kinds, k => k.StartsWith("ReplicaSet api-", StringComparison.Ordinal));
        Assert.Equal(2, kinds.Count(k => k.StartsWith("Pod api-", StringComparison.Ordinal)));
        Assert.DoesNotContain(kinds, k => k.Contains("other", StringComparison.Ordinal));

        var yaml = (await PluginAsync("get", "rollout", "api", "-o", "yaml")).ShouldSucceed().Stdout;
        var fromYaml = Kubernetes.Serialization.YamlJsonConverter.Parse(yaml)!;
        Assert.Equal(list["items"]![0]!["metadata"]!["uid"]!.GetValue<string>(), fromYaml["items"]![0]!["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("api:1", fromYaml["items"]![0]!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    private async Task<DateTimeOffset> NewestPodCreationAsync()
    {
        var pods = JsonNode.Parse((await cluster.Kubectl.RunAsync("get", "pods", "-n", _scope.Namespace, "-l", "app=api", "-o", "json")).ShouldSucceed().Stdout)!;
        return pods["items"]!.AsArray().Max(p => DateTimeOffset.Parse(p!["metadata"]!["creationTimestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<List<string>> PodNamesAsync()
    {
        var pods = JsonNode.Parse((await cluster.Kubectl.RunAsync("get", "pods", "-n", _scope.Namespace, "-l", "app=api", "-o", "json")).ShouldSucceed().Stdout)!;
        return [.. pods["items"]!.AsArray().Where(p => p!["metadata"]!["deletionTimestamp"] is null).Select(p => p!["metadata"]!["name"]!.GetValue<string>())];
    }
}
