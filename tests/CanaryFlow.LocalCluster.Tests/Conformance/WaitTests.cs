using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// <c>kubectl wait</c>, which watches objects until a condition holds: simulated pods become Ready, a custom
/// resource's status condition is set, an object goes away.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class WaitTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Wait_for_ready_returns_when_the_replicaset_pods_are_ready()
    {
        var ns = await _kubectl.CreateNamespaceAsync("wait");
        (await _kubectl.ApplyAsync(Manifests.ReplicaSet(ns, "web", 2))).ShouldSucceed();
        // kubectl wait with a selector fails when nothing matches yet: wait for the controller to create the pods first.
        var pods = await Eventually.UntilAsync(
            async () => (await _kubectl.JsonPathAsync("{.items[*].metadata.name}", "pods", "-n", ns, "-l", "app=web")).Split(' ', StringSplitOptions.RemoveEmptyEntries),
            names => names.Length == 2,
            "the ReplicaSet controller creating 2 pods");

        var result = (await _kubectl.RunAsync("wait", "--for=condition=Ready", "pod", "-l", "app=web", "-n", ns, "--timeout=20s")).ShouldSucceed();

        Assert.Equal(pods.Select(p => $"pod/{p} condition met").Order(StringComparer.Ordinal), result.Stdout.Trim().Split('\n').Order(StringComparer.Ordinal));
        await Eventually.UntilAsync(
            () => _kubectl.JsonPathAsync("{.status.readyReplicas}", "replicaset", "web", "-n", ns),
            ready => ready == "2",
            "the ReplicaSet controller counting 2 ready replicas");
    }

    [Fact]
    public async Task Wait_for_a_condition_of_a_custom_resource_returns_once_status_sets_it()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("wait");
        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 1}"))).ShouldSucceed();
        await using var waiting = RunningKubectl.Start(_kubectl, "wait", "--for=condition=Ready", "widget/w", "-n", ns, "--timeout=20s", "-v=6");
        await waiting.WaitForErrorsAsync(log => log.Contains("watch=true 200 OK", StringComparison.Ordinal), "kubectl wait watching the widget");

        (await _kubectl.RunAsync("patch", "widget", "w", "-n", ns, "--subresource=status", "--type", "merge", "-p",
            """{"status":{"conditions":[{"type":"Ready","status":"True","reason":"Built"}]}}""")).ShouldSucceed();

        var result = (await waiting.WaitForExitAsync(TimeSpan.FromSeconds(20))).ShouldSucceed();
        Assert.Equal($"{Widgets.Resource}/w condition met", result.Stdout.Trim());
    }

    [Fact]
    public async Task Wait_for_a_condition_that_never_holds_times_out()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("wait");
        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 1}"))).ShouldSucceed();

        var result = (await _kubectl.RunAsync("wait", "--for=condition=Ready", "widget/w", "-n", ns, "--timeout=1s")).ShouldFail();

        Assert.Contains("timed out waiting for the condition on widgets/w", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_for_delete_returns_when_the_finalizer_is_removed()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("wait");
        (await _kubectl.ApplyAsync($"""
            apiVersion: {Widgets.ApiVersion}
            kind: Widget
            metadata:
              name: w
              namespace: {ns}
              finalizers: [conformance.canaryflow.io/hold]
            spec: {"{"}size: 1{"}"}
            """)).ShouldSucceed();
        (await _kubectl.RunAsync("delete", "widget", "w", "-n", ns, "--wait=false")).ShouldSucceed();
        // -v=6 logs each request: once the watch is open, kubectl has seen the object and waits for its deletion
        // (had it not seen it, it would succeed at once without printing anything).
        await using var waiting = RunningKubectl.Start(_kubectl, "wait", "--for=delete", "widget/w", "-n", ns, "--timeout=20s", "-v=6");
        await waiting.WaitForErrorsAsync(log => log.Contains("watch=true 200 OK", StringComparison.Ordinal), "kubectl wait watching the widget");

        (await _kubectl.RunAsync("patch", "widget", "w", "-n", ns, "--type", "merge", "-p", """{"metadata":{"finalizers":null}}""")).ShouldSucceed();

        var result = (await waiting.WaitForExitAsync(TimeSpan.FromSeconds(20))).ShouldSucceed();
        Assert.Equal($"{Widgets.Resource}/w condition met", result.Stdout.Trim());
    }

    public void Dispose() => _kubectl.Dispose();
}
