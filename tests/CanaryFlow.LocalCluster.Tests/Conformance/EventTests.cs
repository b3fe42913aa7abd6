using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// <c>kubectl get events</c> and the events section of <c>kubectl describe</c>, for a core/v1 Event about a
/// custom resource as a controller would record it.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class EventTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Get_events_prints_the_event_columns()
    {
        var ns = await CreateWidgetWithEventAsync();

        var table = await _kubectl.GetTableAsync("events", "-n", ns, "-o", "wide");

        Assert.Equal(["LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"], table.Columns);
        var row = Assert.Single(table.Rows);
        Assert.Equal("Normal", row["TYPE"]);
        Assert.Equal("Resized", row["REASON"]);
        Assert.Equal("widget/w", row["OBJECT"]);
        Assert.Equal("canaryflow", row["SOURCE"]);
        Assert.Equal("widget resized to 4", row["MESSAGE"]);
        Assert.Equal("1", row["COUNT"]);
        Assert.Equal("w.resized", row["NAME"]);
    }

    [Fact]
    public async Task Events_are_selected_by_the_involved_object_and_reason()
    {
        var ns = await CreateWidgetWithEventAsync();

        Assert.Equal("w.resized", await _kubectl.JsonPathAsync("{.items[*].metadata.name}", "events", "-n", ns, "--field-selector", "involvedObject.name=w,reason=Resized"));
        Assert.Equal("", await _kubectl.JsonPathAsync("{.items[*].metadata.name}", "events", "-n", ns, "--field-selector", "involvedObject.name=other"));
    }

    [Fact]
    public async Task The_same_event_is_served_by_events_k8s_io()
    {
        var ns = await CreateWidgetWithEventAsync();

        Assert.Equal("widget resized to 4 Widget", await _kubectl.JsonPathAsync("{.note} {.regarding.kind}", "events.v1.events.k8s.io", "w.resized", "-n", ns));
    }

    [Fact]
    public async Task Describe_lists_the_events_of_the_object()
    {
        var ns = await CreateWidgetWithEventAsync();

        var result = (await _kubectl.RunAsync("describe", "widget", "w", "-n", ns)).ShouldSucceed();

        var events = result.Stdout[result.Stdout.IndexOf("Events:", StringComparison.Ordinal)..];
        Assert.Matches(@"Normal\s+Resized\s+\S+\s+canaryflow\s+widget resized to 4", events);
    }

    public void Dispose() => _kubectl.Dispose();

    private async Task<string> CreateWidgetWithEventAsync()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("events");
        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 4}"))).ShouldSucceed();
        var uid = await _kubectl.JsonPathAsync("{.metadata.uid}", "widget", "w", "-n", ns);
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        (await _kubectl.ApplyAsync($$"""
            apiVersion: v1
            kind: Event
            metadata: {name: w.resized, namespace: {{ns}}}
            involvedObject: {apiVersion: {{Widgets.ApiVersion}}, kind: Widget, name: w, namespace: {{ns}}, uid: {{uid}}}
            reason: Resized
            message: widget resized to 4
            type: Normal
            source: {component: canaryflow}
            firstTimestamp: "{{now}}"
            lastTimestamp: "{{now}}"
            count: 1
            """)).ShouldSucceed();
        return ns;
    }
}
