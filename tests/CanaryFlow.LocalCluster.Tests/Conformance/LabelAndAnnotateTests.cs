using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// <c>kubectl label</c> and <c>kubectl annotate</c>, which send merge patches of metadata: they add, overwrite
/// and remove keys without touching the spec or the generation.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class LabelAndAnnotateTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Label_adds_overwrites_and_removes_labels()
    {
        var ns = await CreateWidgetAsync();

        Assert.Equal($"{Widgets.Resource}/w labeled", (await _kubectl.RunAsync("label", "widget", "w", "-n", ns, "env=prod")).ShouldSucceed().Stdout.Trim());
        Assert.Equal("w", await _kubectl.JsonPathAsync("{.items[*].metadata.name}", "widgets", "-n", ns, "-l", "env=prod"));
        var refused = (await _kubectl.RunAsync("label", "widget", "w", "-n", ns, "env=dev")).ShouldFail();
        Assert.Contains("'env' already has a value (prod), and --overwrite is false", refused.Stderr, StringComparison.Ordinal);
        (await _kubectl.RunAsync("label", "widget", "w", "-n", ns, "env=dev", "--overwrite")).ShouldSucceed();
        Assert.Equal("""{"env":"dev","tier":"gold"}""", await _kubectl.JsonPathAsync("{.metadata.labels}", "widget", "w", "-n", ns));

        Assert.Equal($"{Widgets.Resource}/w unlabeled", (await _kubectl.RunAsync("label", "widget", "w", "-n", ns, "env-")).ShouldSucceed().Stdout.Trim());

        Assert.Equal("""{"tier":"gold"} 1""", await _kubectl.JsonPathAsync("{.metadata.labels} {.metadata.generation}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Annotate_adds_overwrites_and_removes_annotations()
    {
        var ns = await CreateWidgetAsync();

        Assert.Equal($"{Widgets.Resource}/w annotated", (await _kubectl.RunAsync("annotate", "widget", "w", "-n", ns, "canaryflow.io/note=first")).ShouldSucceed().Stdout.Trim());
        (await _kubectl.RunAsync("annotate", "widget", "w", "-n", ns, "canaryflow.io/note=second", "--overwrite")).ShouldSucceed();
        Assert.Equal("second", await _kubectl.JsonPathAsync("""{.metadata.annotations.canaryflow\.io/note}""", "widget", "w", "-n", ns));

        (await _kubectl.RunAsync("annotate", "widget", "w", "-n", ns, "canaryflow.io/note-")).ShouldSucceed();

        Assert.Equal(" 1", await _kubectl.JsonPathAsync("""{.metadata.annotations.canaryflow\.io/note} {.metadata.generation}""", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Label_of_a_built_in_kind_selects_it_afterwards()
    {
        var ns = await _kubectl.CreateNamespaceAsync("label");
        (await _kubectl.ApplyAsync(Manifests.ReplicaSet(ns, "web", 0))).ShouldSucceed();

        (await _kubectl.RunAsync("label", "replicaset", "web", "-n", ns, "track=canary")).ShouldSucceed();

        Assert.Equal("web", await _kubectl.JsonPathAsync("{.items[*].metadata.name}", "replicasets", "-n", ns, "-l", "track in (canary)"));
        Assert.Equal("", await _kubectl.JsonPathAsync("{.items[*].metadata.name}", "replicasets", "-n", ns, "-l", "!track"));
    }

    public void Dispose() => _kubectl.Dispose();

    private async Task<string> CreateWidgetAsync()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("label");
        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 1}", "{tier: gold}"))).ShouldSucceed();
        return ns;
    }
}
