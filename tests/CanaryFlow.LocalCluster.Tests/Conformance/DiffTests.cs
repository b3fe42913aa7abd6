using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// <c>kubectl diff</c>, which asks the server for the merged object with a dry-run patch: it shows what apply would
/// change (exit code 1) and nothing when the manifest matches (exit code 0), and stores nothing.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class DiffTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Diff_shows_the_change_apply_would_make_without_making_it()
    {
        var ns = await CreateWidgetAsync();

        var result = await _kubectl.RunAsync(Widgets.Widget(ns, "w", "{size: 5}"), TimeSpan.FromSeconds(60), "diff", "-f", "-");

        Assert.True(result.ExitCode == 1, $"kubectl diff should report differences with exit code 1:\n{result.Stderr}\n{result.Stdout}");
        Assert.Contains("-  size: 3", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("+  size: 5", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("-  generation: 1", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("+  generation: 2", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("3 1", await _kubectl.JsonPathAsync("{.spec.size} {.metadata.generation}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Diff_of_an_unchanged_manifest_is_empty()
    {
        var ns = await CreateWidgetAsync();

        var result = (await _kubectl.RunAsync(Widgets.Widget(ns, "w", "{size: 3}"), TimeSpan.FromSeconds(60), "diff", "-f", "-")).ShouldSucceed();

        Assert.Equal("", result.Stdout);
    }

    public void Dispose() => _kubectl.Dispose();

    private async Task<string> CreateWidgetAsync()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("diff");
        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 3}"))).ShouldSucceed();
        return ns;
    }
}
