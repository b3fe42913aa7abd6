using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// <c>kubectl delete</c>: a pending finalizer keeps the object (terminating) until it is removed, and deleting a
/// ReplicaSet lets the garbage collector remove its pods.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class DeletionTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Delete_with_a_pending_finalizer_marks_the_object_terminating()
    {
        var ns = await CreateWidgetWithFinalizerAsync();

        var result = (await _kubectl.RunAsync("delete", "widget", "w", "-n", ns, "--wait=false")).ShouldSucceed();

        Assert.Equal($"{Widgets.Resource} \"w\" deleted", result.Stdout.Trim());
        var widget = await _kubectl.GetJsonAsync("widget", "w", "-n", ns);
        Assert.False(string.IsNullOrEmpty((string?)widget["metadata"]!["deletionTimestamp"]));
        Assert.Equal(0, (long?)widget["metadata"]!["deletionGracePeriodSeconds"]);
        Assert.Equal("""["conformance.canaryflow.io/hold"]""", widget["metadata"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public async Task Removing_the_last_finalizer_of_a_terminating_object_deletes_it()
    {
        var ns = await CreateWidgetWithFinalizerAsync();
        (await _kubectl.RunAsync("delete", "widget", "w", "-n", ns, "--wait=false")).ShouldSucceed();

        (await _kubectl.RunAsync("patch", "widget", "w", "-n", ns, "--type", "json", "-p", """[{"op":"remove","path":"/metadata/finalizers"}]""")).ShouldSucceed();

        var result = (await _kubectl.RunAsync("get", "widget", "w", "-n", ns)).ShouldFail();
        Assert.Contains($"Error from server (NotFound): widgets.{Widgets.Group} \"w\" not found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finalizer_cannot_be_added_to_a_terminating_object()
    {
        var ns = await CreateWidgetWithFinalizerAsync();
        (await _kubectl.RunAsync("delete", "widget", "w", "-n", ns, "--wait=false")).ShouldSucceed();

        var result = (await _kubectl.RunAsync("patch", "widget", "w", "-n", ns, "--type", "json", "-p",
            """[{"op":"add","path":"/metadata/finalizers/-","value":"conformance.canaryflow.io/more"}]""")).ShouldFail();

        Assert.Contains("metadata.finalizers", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no new finalizers can be added if the object is being deleted", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_replicaset_garbage_collects_its_pods()
    {
        var ns = await _kubectl.CreateNamespaceAsync("del");
        (await _kubectl.ApplyAsync(Manifests.ReplicaSet(ns, "web", 2))).ShouldSucceed();
        await PodNamesAsync(ns, names => names.Length == 2, "the ReplicaSet controller creating 2 pods");

        var result = (await _kubectl.RunAsync("delete", "replicaset", "web", "-n", ns)).ShouldSucceed();

        Assert.Equal("replicaset.apps \"web\" deleted", result.Stdout.Trim());
        await PodNamesAsync(ns, names => names.Length == 0, "the garbage collector deleting the pods");
    }

    [Fact]
    public async Task Orphaning_a_replicaset_leaves_its_pods_without_an_owner()
    {
        var ns = await _kubectl.CreateNamespaceAsync("del");
        (await _kubectl.ApplyAsync(Manifests.ReplicaSet(ns, "web", 2))).ShouldSucceed();
        await PodNamesAsync(ns, names => names.Length == 2, "the ReplicaSet controller creating 2 pods");

        (await _kubectl.RunAsync("delete", "replicaset", "web", "-n", ns, "--cascade=orphan")).ShouldSucceed();

        await Eventually.UntilAsync(
            () => _kubectl.JsonPathAsync("{range .items[*]}{.metadata.name}={.metadata.ownerReferences}{\"\\n\"}{end}", "pods", "-n", ns, "-l", "app=web"),
            owners => owners.Split('\n', StringSplitOptions.RemoveEmptyEntries) is { Length: 2 } lines && lines.All(l => l.EndsWith('=')),
            "the garbage collector removing the pods' owner references");
    }

    public void Dispose() => _kubectl.Dispose();

    private async Task<string> CreateWidgetWithFinalizerAsync()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("del");
        (await _kubectl.ApplyAsync($"""
            apiVersion: {Widgets.ApiVersion}
            kind: Widget
            metadata:
              name: w
              namespace: {ns}
              finalizers: [conformance.canaryflow.io/hold]
            spec: {"{"}size: 1{"}"}
            """)).ShouldSucceed();
        return ns;
    }

    private Task<string[]> PodNamesAsync(string ns, Func<string[], bool> done, string what) =>
        Eventually.UntilAsync(
            async () => (await _kubectl.JsonPathAsync("{.items[*].metadata.name}", "pods", "-n", ns, "-l", "app=web")).Split(' ', StringSplitOptions.RemoveEmptyEntries),
            done,
            what);
}
