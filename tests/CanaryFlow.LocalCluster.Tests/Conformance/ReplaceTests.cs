using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// <c>kubectl replace</c>, a PUT of the whole object: it replaces the spec, and with the resourceVersion of an
/// older read it is refused with a conflict (optimistic concurrency).
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ReplaceTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Replace_puts_the_whole_object()
    {
        var ns = await CreateWidgetAsync();

        var result = (await _kubectl.RunAsync(Widgets.Widget(ns, "w", "{size: 5}"), TimeSpan.FromSeconds(60), "replace", "-f", "-")).ShouldSucceed();

        Assert.Equal($"{Widgets.Resource}/w replaced", result.Stdout.Trim());
        Assert.Equal("""{"color":"green","size":5} 2""", await _kubectl.JsonPathAsync("{.spec} {.metadata.generation}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Replace_with_a_stale_resource_version_conflicts()
    {
        var ns = await CreateWidgetAsync();
        var stale = await _kubectl.GetJsonAsync("widget", "w", "-n", ns);
        (await _kubectl.RunAsync("patch", "widget", "w", "-n", ns, "--type", "merge", "-p", """{"spec":{"size":4}}""")).ShouldSucceed();
        stale["spec"]!["size"] = 6;

        var result = (await _kubectl.RunAsync(stale.ToJsonString(), TimeSpan.FromSeconds(60), "replace", "-f", "-")).ShouldFail();

        Assert.Contains(
            $"Operation cannot be fulfilled on widgets.{Widgets.Group} \"w\": the object has been modified; please apply your changes to the latest version and try again",
            result.Stderr,
            StringComparison.Ordinal);
        Assert.Equal("4", await _kubectl.JsonPathAsync("{.spec.size}", "widget", "w", "-n", ns));
    }

    public void Dispose() => _kubectl.Dispose();

    private async Task<string> CreateWidgetAsync()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("replace");
        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 3}"))).ShouldSucceed();
        return ns;
    }
}
