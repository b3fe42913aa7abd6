using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// <c>kubectl apply --server-side</c>: the server creates and updates the object and tracks field managers, so a
/// second manager changing an owned field conflicts unless it forces.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ServerSideApplyTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Server_side_apply_creates_then_updates()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("ssa");

        var created = (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 2}"), "--server-side")).ShouldSucceed();
        var updated = (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 5}"), "--server-side")).ShouldSucceed();

        Assert.Equal($"{Widgets.Resource}/w serverside-applied", created.Stdout.Trim());
        Assert.Equal($"{Widgets.Resource}/w serverside-applied", updated.Stdout.Trim());
        Assert.Equal("5 green 2", await _kubectl.JsonPathAsync("{.spec.size} {.spec.color} {.metadata.generation}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Another_manager_changing_an_owned_field_conflicts()
    {
        var ns = await CreateAppliedWidgetAsync();

        var result = (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 7}"), "--server-side", "--field-manager", "other")).ShouldFail();

        // Another applier is named alone; "using <apiVersion>" is only printed for managers of update operations.
        Assert.Contains("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.size", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--force-conflicts", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("2", await _kubectl.JsonPathAsync("{.spec.size}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Force_conflicts_takes_the_field_over()
    {
        var ns = await CreateAppliedWidgetAsync();

        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 7}"), "--server-side", "--field-manager", "other", "--force-conflicts")).ShouldSucceed();

        Assert.Equal("7", await _kubectl.JsonPathAsync("{.spec.size}", "widget", "w", "-n", ns));
        // The field now belongs to "other": the original manager is the one that conflicts.
        var result = (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 2}"), "--server-side")).ShouldFail();
        Assert.Contains("conflict with \"other\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_manager_applying_the_same_value_shares_the_field()
    {
        var ns = await CreateAppliedWidgetAsync();

        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 2}"), "--server-side", "--field-manager", "other")).ShouldSucceed();

        Assert.Equal("2", await _kubectl.JsonPathAsync("{.spec.size}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Server_side_apply_of_a_built_in_kind_creates_and_updates()
    {
        var ns = await _kubectl.CreateNamespaceAsync("ssa");
        var replicaSet = Manifests.ReplicaSet(ns, "web", 0);

        (await _kubectl.ApplyAsync(replicaSet, "--server-side")).ShouldSucceed();
        var updated = (await _kubectl.ApplyAsync(replicaSet.Replace("image: web:1", "image: web:2", StringComparison.Ordinal), "--server-side")).ShouldSucceed();

        Assert.Equal("replicaset.apps/web serverside-applied", updated.Stdout.Trim());
        Assert.Equal("web:2", await _kubectl.JsonPathAsync("{.spec.template.spec.containers[0].image}", "replicaset", "web", "-n", ns));
    }

    public void Dispose() => _kubectl.Dispose();

    private async Task<string> CreateAppliedWidgetAsync()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("ssa");
        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 2}"), "--server-side")).ShouldSucceed();
        return ns;
    }
}
