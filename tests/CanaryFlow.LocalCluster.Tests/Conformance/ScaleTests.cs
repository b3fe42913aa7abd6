using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// <c>kubectl scale</c> through the scale subresource, of a ReplicaSet (whose controller then makes the pods)
/// and of a custom resource whose CRD declares one; the subresource itself is an autoscaling/v1 Scale.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ScaleTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Scaling_a_replicaset_changes_its_replicas_and_pods()
    {
        var ns = await _kubectl.CreateNamespaceAsync("scale");
        (await _kubectl.ApplyAsync(Manifests.ReplicaSet(ns, "web", 1))).ShouldSucceed();

        var result = (await _kubectl.RunAsync("scale", "replicaset", "web", "-n", ns, "--replicas=3")).ShouldSucceed();

        Assert.Equal("replicaset.apps/web scaled", result.Stdout.Trim());
        await Eventually.UntilAsync(
            () => _kubectl.JsonPathAsync("{.spec.replicas} {.status.replicas}", "replicaset", "web", "-n", ns),
            replicas => replicas == "3 3",
            "the ReplicaSet controller reporting 3 replicas");
        var scale = JsonNode.Parse((await _kubectl.RunAsync("get", "--raw", $"/apis/apps/v1/namespaces/{ns}/replicasets/web/scale")).ShouldSucceed().Stdout)!;
        Assert.Equal("autoscaling/v1", (string?)scale["apiVersion"]);
        Assert.Equal("Scale", (string?)scale["kind"]);
        Assert.Equal("""{"replicas":3,"selector":"app=web"}""", scale["status"]!.ToJsonString());
    }

    [Fact]
    public async Task Scaling_a_custom_resource_writes_its_spec_replicas()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("scale");
        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 1, replicas: 1}"))).ShouldSucceed();

        var result = (await _kubectl.RunAsync("scale", "widget", "w", "-n", ns, "--replicas=4")).ShouldSucceed();

        Assert.Equal($"{Widgets.Resource}/w scaled", result.Stdout.Trim());
        Assert.Equal("4 2", await _kubectl.JsonPathAsync("{.spec.replicas} {.metadata.generation}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Scale_subresource_of_a_custom_resource_is_an_autoscaling_scale()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("scale");
        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 1, replicas: 2}"))).ShouldSucceed();
        (await _kubectl.RunAsync("patch", "widget", "w", "-n", ns, "--subresource=status", "--type", "merge", "-p", """{"status":{"replicas":1,"selector":"app=w"}}"""))
            .ShouldSucceed();

        var result = (await _kubectl.RunAsync("get", "--raw", $"/apis/{Widgets.ApiVersion}/namespaces/{ns}/widgets/w/scale")).ShouldSucceed();

        var scale = JsonNode.Parse(result.Stdout)!;
        Assert.Equal("autoscaling/v1", (string?)scale["apiVersion"]);
        Assert.Equal("Scale", (string?)scale["kind"]);
        Assert.Equal("w", (string?)scale["metadata"]!["name"]);
        Assert.Equal(ns, (string?)scale["metadata"]!["namespace"]);
        Assert.Equal("""{"replicas":2}""", scale["spec"]!.ToJsonString());
        Assert.Equal("""{"replicas":1,"selector":"app=w"}""", scale["status"]!.ToJsonString());
    }

    [Fact]
    public async Task Scale_with_a_stale_current_replicas_precondition_is_refused()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("scale");
        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 1, replicas: 2}"))).ShouldSucceed();

        var result = (await _kubectl.RunAsync("scale", "widget", "w", "-n", ns, "--replicas=5", "--current-replicas=3")).ShouldFail();

        Assert.Contains("Expected replicas to be 3, was 2", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("2", await _kubectl.JsonPathAsync("{.spec.replicas}", "widget", "w", "-n", ns));
    }

    public void Dispose() => _kubectl.Dispose();
}
