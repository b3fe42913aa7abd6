using System.Text.Json.Nodes;
using CanaryFlow.Cli.Tests.Infrastructure;
using CanaryFlow.Controller.Tests.EndToEnd;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.Cli.Tests;

/// <summary>
/// <c>kubectl canaryflow undo</c> through real kubectl against LocalCluster, whose ReplicaSets get the API server's
/// pod-template defaults as a real cluster's do, with the controller running.
/// </summary>
[Collection(PluginCollection.Name)]
public sealed class UndoTests(PluginCluster cluster) : IAsyncLifetime
{
    private const string _steps = "[{setWeight: 25}, {pause: {}}, {setWeight: 50}, {pause: {}}]";
    private static readonly TimeSpan _long = EndToEndScope.Long;
    private EndToEndScope _scope = null!;

    public async Task InitializeAsync()
    {
        _scope = await EndToEndScope.CreateAsync(cluster.Kubectl, "undo");
        _scope.StartController();
    }

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    private Task<KubectlResult> PluginAsync(params string[] arguments) => cluster.Kubectl.CanaryFlowAsync([.. arguments, "-n", _scope.Namespace]);

    [Fact]
    public async Task Undo_to_stable_is_a_fast_rollback_and_to_an_older_revision_a_canary_of_that_exact_template()
    {
        await _scope.ApplyAsync(RolloutManifests.Rollout(_scope.Namespace, "api:1", _steps, replicas: 2));
        (await PluginAsync("status", "api", "--timeout", "60s")).ShouldSucceed();
        var first = EndToEndScope.Status(await _scope.RolloutAsync(), "stableRS");
        var writtenTemplate = (await _scope.RolloutAsync())["spec"]!["template"]!.ToJsonString();

        // The API server defaulted the ReplicaSet's copy of the template: the reason undo cannot simply copy it back.
        var firstReplicaSet = await _scope.GetAsync("replicaset", "api-" + first);
        Assert.Equal("IfNotPresent", firstReplicaSet["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());

        (await PluginAsync("set", "image", "api", "api=api:2")).ShouldSucceed();
        await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Paused", "the api:2 canary to pause", _long);
        (await PluginAsync("promote", "api", "--full")).ShouldSucceed();
        (await PluginAsync("status", "api", "--timeout", "60s")).ShouldSucceed();
        var second = EndToEndScope.Status(await _scope.RolloutAsync(), "stableRS");
        Assert.NotEqual(first, second);

        (await PluginAsync("set", "image", "api", "api=api:3")).ShouldSucceed();
        var inFlight = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Paused" && EndToEndScope.Status(r, "currentStepIndex") == "1", "the api:3 canary to pause at step 1", _long);
        var third = EndToEndScope.Status(inFlight, "currentPodHash");
        var stepEventsBefore = (await _scope.EventReasonsAsync()).Count(r => r == "RolloutStepCompleted");

        // undo with no revision goes to the previous one, api:2, which is stable: a fast rollback, no steps.
        var undo = (await PluginAsync("undo", "api")).ShouldSucceed();
        Assert.Equal($"Rollout {_scope.Namespace}/api rolled back to revision 2", undo.Stdout.Trim());
        Assert.DoesNotContain("Warning", undo.Stderr, StringComparison.Ordinal);
        var rolledBack = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Status(r, "currentPodHash") == second && EndToEndScope.Phase(r) == "Healthy", "the fast rollback to api:2", _long);
        Assert.Equal(second, EndToEndScope.Status(rolledBack, "stableRS"));
        Assert.Equal("api:2", rolledBack["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Null(rolledBack["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]);
        Assert.Equal("0", EndToEndScope.Status(rolledBack, "canary.weights.canary"));
        var reasons = await Eventually.UntilAsync(() => _scope.EventReasonsAsync(), r => r.Contains("RolloutRolledBack"), "the rollback Event", _long);
        Assert.Equal(stepEventsBefore, reasons.Count(r => r == "RolloutStepCompleted"));
        Assert.Equal(3, (await ReplicaSetNamesAsync()).Count);
        await Eventually.UntilAsync(() => _scope.GetAsync("replicaset", "api-" + third), rs => rs["spec"]!["replicas"]!.GetValue<int>() == 0, "the api:3 canary to be scaled down", _long);

        // An older revision than stable is a change like any other: a canary through the steps, of exactly that
        // template, so the old ReplicaSet is taken up again rather than a new one made.
        var older = (await PluginAsync("undo", "api", "--to-revision", "1")).ShouldSucceed();
        Assert.Equal($"Rollout {_scope.Namespace}/api rolled back to revision 1", older.Stdout.Trim());
        var canary = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Paused" && EndToEndScope.Status(r, "currentStepIndex") == "1", "the api:1 canary to pause at step 1", _long);
        Assert.Equal(first, EndToEndScope.Status(canary, "currentPodHash"));
        Assert.Equal(second, EndToEndScope.Status(canary, "stableRS"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(writtenTemplate), canary["spec"]!["template"]), canary["spec"]!["template"]!.ToJsonString());
        Assert.Equal(new[] { "api-" + first, "api-" + second, "api-" + third }.Order(StringComparer.Ordinal), (await ReplicaSetNamesAsync()).Order(StringComparer.Ordinal));
    }

    private async Task<List<string>> ReplicaSetNamesAsync()
    {
        var list = JsonNode.Parse((await cluster.Kubectl.RunAsync("get", "replicasets", "-n", _scope.Namespace, "-o", "json")).ShouldSucceed().Stdout)!;
        return [.. list["items"]!.AsArray().Select(rs => rs!["metadata"]!["name"]!.GetValue<string>())];
    }
}
