using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// <c>kubectl apply</c> (client-side): the last-applied-configuration annotation drives a three-way merge, so a
/// repeated apply is unchanged, a changed field is updated and a field dropped from the manifest is removed.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ClientSideApplyTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task First_apply_creates_and_records_the_last_applied_configuration()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("csa");

        var result = (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 3, shape: round}"))).ShouldSucceed();

        Assert.Equal($"{Widgets.Resource}/w created", result.Stdout.Trim());
        var widget = await _kubectl.GetJsonAsync("widget", "w", "-n", ns);
        var lastApplied = JsonNode.Parse((string)widget["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!)!;
        Assert.Equal("""{"shape":"round","size":3}""", lastApplied["spec"]!.ToJsonString());
    }

    [Fact]
    public async Task Applying_the_same_manifest_again_is_unchanged()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("csa");
        var manifest = Widgets.Widget(ns, "w", "{size: 3}");
        (await _kubectl.ApplyAsync(manifest)).ShouldSucceed();
        var resourceVersion = await _kubectl.JsonPathAsync("{.metadata.resourceVersion}", "widget", "w", "-n", ns);

        var result = (await _kubectl.ApplyAsync(manifest)).ShouldSucceed();

        Assert.Equal($"{Widgets.Resource}/w unchanged", result.Stdout.Trim());
        Assert.Equal(resourceVersion, await _kubectl.JsonPathAsync("{.metadata.resourceVersion}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Changed_manifest_is_configured_and_the_field_updated()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("csa");
        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 3}"))).ShouldSucceed();

        var result = (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 8}"))).ShouldSucceed();

        Assert.Equal($"{Widgets.Resource}/w configured", result.Stdout.Trim());
        Assert.Equal("8 2", await _kubectl.JsonPathAsync("{.spec.size} {.metadata.generation}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Field_removed_from_the_manifest_is_removed_from_the_object()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("csa");
        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 3, shape: round}", "{tier: gold}"))).ShouldSucceed();

        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 3}"))).ShouldSucceed();

        var widget = await _kubectl.GetJsonAsync("widget", "w", "-n", ns);
        Assert.Equal("""{"color":"green","size":3}""", widget["spec"]!.ToJsonString());
        Assert.Null(widget["metadata"]!["labels"]?["tier"]);
    }

    [Fact]
    public async Task Field_set_by_someone_else_survives_an_apply_that_never_mentioned_it()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("csa");
        var manifest = Widgets.Widget(ns, "w", "{size: 3}");
        (await _kubectl.ApplyAsync(manifest)).ShouldSucceed();
        (await _kubectl.RunAsync("patch", "widget", "w", "-n", ns, "--type", "merge", "-p", """{"spec":{"shape":"square"}}""")).ShouldSucceed();

        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 4}"))).ShouldSucceed();

        Assert.Equal("4 square", await _kubectl.JsonPathAsync("{.spec.size} {.spec.shape}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Built_in_kind_is_applied_with_a_strategic_merge_patch()
    {
        var ns = await _kubectl.CreateNamespaceAsync("csa");
        var replicaSet = Manifests.ReplicaSet(ns, "web", 0);
        (await _kubectl.ApplyAsync(replicaSet)).ShouldSucceed();

        var result = (await _kubectl.ApplyAsync(replicaSet.Replace("image: web:1", "image: web:2", StringComparison.Ordinal))).ShouldSucceed();

        Assert.Equal("replicaset.apps/web configured", result.Stdout.Trim());
        Assert.Equal("web=web:2", await _kubectl.JsonPathAsync("{range .spec.template.spec.containers[*]}{.name}={.image}{end}", "replicaset", "web", "-n", ns));
    }

    public void Dispose() => _kubectl.Dispose();
}
