using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// <c>kubectl get --watch</c>: the initial list, then one row (or one JSON object) per change, streamed as the
/// server sends watch events.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class WatchTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Watch_prints_the_initial_rows_then_a_row_per_change()
    {
        var ns = await CreateWidgetAsync();
        await using var watch = RunningKubectl.Start(_kubectl, "get", "widgets", "-n", ns, "--watch");
        await watch.WaitForOutputAsync(output => Lines(output).Length >= 2, "the header and the initial row");

        (await _kubectl.RunAsync("patch", "widget", "w", "-n", ns, "--type", "merge", "-p", """{"spec":{"size":4,"color":"blue"}}""")).ShouldSucceed();
        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "v", "{size: 9}"))).ShouldSucceed();
        (await _kubectl.RunAsync("delete", "widget", "w", "-n", ns)).ShouldSucceed();

        var output = await watch.WaitForOutputAsync(output => Lines(output).Length >= 5, "rows for the patch, the new widget and the deletion");
        var rows = Lines(output).Select(Cells).ToArray();
        Assert.Equal(["NAME", "SIZE", "COLOR", "AGE"], rows[0]);
        Assert.Equal(["w", "1", "green"], rows[1][..3]);
        Assert.Equal(["w", "4", "blue"], rows[2][..3]);
        Assert.Equal(["v", "9", "green"], rows[3][..3]);
        // Without --output-watch-events a deletion prints the object's last row again.
        Assert.Equal(["w", "4", "blue"], rows[4][..3]);
    }

    [Fact]
    public async Task Watch_as_json_prints_each_event_with_the_deleted_object_last()
    {
        var ns = await CreateWidgetAsync();
        await using var watch = RunningKubectl.Start(_kubectl, "get", "widgets", "-n", ns, "--watch", "-o", "json", "--output-watch-events");
        await watch.WaitForOutputAsync(output => JsonStream.ParseComplete(output).Count >= 1, "the initial ADDED event");

        (await _kubectl.RunAsync("patch", "widget", "w", "-n", ns, "--type", "merge", "-p", """{"spec":{"size":2}}""")).ShouldSucceed();
        (await _kubectl.RunAsync("delete", "widget", "w", "-n", ns)).ShouldSucceed();

        var output = await watch.WaitForOutputAsync(output => JsonStream.ParseComplete(output).Count >= 3, "MODIFIED and DELETED events");
        var events = JsonStream.ParseComplete(output);
        Assert.Equal(["ADDED", "MODIFIED", "DELETED"], events.Select(e => (string?)e["type"]));
        Assert.All(events, e => Assert.Equal("w", (string?)e["object"]!["metadata"]!["name"]));
        Assert.Equal(2, (int?)events[1]["object"]!["spec"]!["size"]);
        Assert.Equal(2, (int?)events[2]["object"]!["spec"]!["size"]);
        Assert.Equal("Widget", (string?)events[2]["object"]!["kind"]);
        Assert.True(ResourceVersion(events[2]) > ResourceVersion(events[1]), "the DELETED event carries the deletion's resourceVersion");
    }

    [Fact]
    public async Task Watch_as_json_without_event_types_prints_the_objects()
    {
        var ns = await CreateWidgetAsync();
        await using var watch = RunningKubectl.Start(_kubectl, "get", "widget", "w", "-n", ns, "--watch", "-o", "json");
        await watch.WaitForOutputAsync(output => JsonStream.ParseComplete(output).Count >= 1, "the initial object");

        (await _kubectl.RunAsync("label", "widget", "w", "-n", ns, "stage=two")).ShouldSucceed();

        var output = await watch.WaitForOutputAsync(output => JsonStream.ParseComplete(output).Count >= 2, "the relabelled object");
        var objects = JsonStream.ParseComplete(output);
        Assert.Null(objects[0]["metadata"]!["labels"]?["stage"]);
        Assert.Equal("two", (string?)objects[1]["metadata"]!["labels"]!["stage"]);
    }

    public void Dispose() => _kubectl.Dispose();

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static long ResourceVersion(JsonNode watchEvent) => long.Parse((string)watchEvent["object"]!["metadata"]!["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> CreateWidgetAsync()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("watch");
        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 1}"))).ShouldSucceed();
        return ns;
    }
}
