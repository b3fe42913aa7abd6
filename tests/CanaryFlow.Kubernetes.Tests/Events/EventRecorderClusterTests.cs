using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Events;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CanaryFlow.Kubernetes.Tests.Events;

/// <summary>The recorder against LocalCluster, which validates events.k8s.io Events as a real API server does.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EventRecorderClusterTests(ClusterFixture cluster)
{
    private static readonly DateTimeOffset _start = new(2030, 1, 1, 10, 5, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(_start);

    private ResourceClient<Event> Events => cluster.Client.Resource<Event>(ResourceTypes.Events);
    private ResourceClient<CoreEvent> CoreEvents => cluster.Client.Resource<CoreEvent>(ResourceTypes.CoreEvents);
    private ResourceClient<ConfigMap> ConfigMaps => cluster.Client.Resource<ConfigMap>(ResourceTypes.ConfigMaps);

    [Fact]
    public async Task Creates_an_events_k8s_io_event_that_core_v1_reads_too()
    {
        var (ns, web) = await CreateObjectAsync();
        await using var recorder = NewRecorder(new EventRecorderOptions { ReportingInstance = "canaryflow-7d9f-abcde" });

        recorder.Record(web, EventTypes.Normal, "TrafficWeightUpdated", "Promote", "Canary weight set to 20%");
        await recorder.FlushAsync();

        var ev = Assert.Single((await Events.ListAsync(ns)).Items);
        Assert.Equal($"web.{UnixNanos(_start):x}", ev.Metadata.Name);
        Assert.Equal(ns, ev.Metadata.Namespace);
        Assert.Equal(_start, ev.EventTime);
        Assert.Equal("canaryflow.io/canaryflow", ev.ReportingController);
        Assert.Equal("canaryflow-7d9f-abcde", ev.ReportingInstance);
        Assert.Equal("Promote", ev.Action);
        Assert.Equal("TrafficWeightUpdated", ev.Reason);
        Assert.Equal("Canary weight set to 20%", ev.Note);
        Assert.Equal("Normal", ev.Type);
        Assert.Null(ev.Series);
        Assert.Equal(new ObjectReference { ApiVersion = "v1", Kind = "ConfigMap", Namespace = ns, Name = "web", Uid = web.Metadata.Uid }, ev.Regarding);

        var core = await CoreEvents.GetAsync(ns, ev.Metadata.Name!);
        Assert.Equal("Canary weight set to 20%", core.Message);
        Assert.Equal(web.Metadata.Uid, core.InvolvedObject?.Uid);
        Assert.Equal("web", core.InvolvedObject?.Name);
        Assert.Equal("canaryflow.io/canaryflow", core.ReportingComponent);
        Assert.Equal("TrafficWeightUpdated", core.Reason);
        Assert.Equal(_start, core.EventTime);

        Assert.Equal(new EventRecorderMetrics(Emitted: 1, Aggregated: 0, DroppedByRateLimit: 0, DroppedQueueFull: 0, Failed: 0, Pending: 0) { Writes = 1 }, recorder.Metrics);
    }

    [Fact]
    public async Task Repeats_become_the_series_of_one_event()
    {
        var (ns, web) = await CreateObjectAsync();
        await using var recorder = NewRecorder();

        recorder.Record(web, EventTypes.Warning, "RolloutAborted", "Abort", "analysis failed");
        _clock.Advance(TimeSpan.FromMinutes(1));
        recorder.Record(web, EventTypes.Warning, "RolloutAborted", "Abort", "analysis failed");
        await recorder.FlushAsync();

        var ev = Assert.Single((await Events.ListAsync(ns)).Items);
        Assert.Equal(_start, ev.EventTime);
        Assert.Equal(2, ev.Series?.Count);
        Assert.Equal(_start.AddMinutes(1), ev.Series?.LastObservedTime);

        _clock.Advance(TimeSpan.FromMinutes(1));
        recorder.Record(web, EventTypes.Warning, "RolloutAborted", "Abort", "analysis failed");
        await recorder.FlushAsync();

        var again = Assert.Single((await Events.ListAsync(ns)).Items);
        Assert.Equal(ev.Metadata.Name, again.Metadata.Name);
        Assert.Equal(3, again.Series?.Count);
        Assert.Equal(_start.AddMinutes(2), again.Series?.LastObservedTime);
        Assert.Equal(3, (await CoreEvents.GetAsync(ns, ev.Metadata.Name!)).Series?.Count);
        Assert.Equal((1, 2), (recorder.Metrics.Emitted, recorder.Metrics.Aggregated));
    }

    [Fact]
    public async Task A_repeat_after_the_series_window_is_a_new_event()
    {
        var (ns, web) = await CreateObjectAsync();
        await using var recorder = NewRecorder(new EventRecorderOptions { SeriesWindow = TimeSpan.FromMinutes(6) });

        recorder.Record(web, EventTypes.Normal, "RolloutUpdated", "Update", "step 2 of 5");
        _clock.Advance(TimeSpan.FromMinutes(6) + TimeSpan.FromSeconds(1));
        recorder.Record(web, EventTypes.Normal, "RolloutUpdated", "Update", "step 2 of 5");
        await recorder.FlushAsync();

        var events = (await Events.ListAsync(ns)).Items;
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Null(e.Series));
    }

    [Fact]
    public async Task A_different_note_is_a_second_event()
    {
        var (ns, web) = await CreateObjectAsync();
        await using var recorder = NewRecorder();

        // Same instant on the fake clock: the names must still differ.
        recorder.Record(web, EventTypes.Normal, "TrafficWeightUpdated", "Promote", "weight 20%");
        recorder.Record(web, EventTypes.Normal, "TrafficWeightUpdated", "Promote", "weight 40%");
        await recorder.FlushAsync();

        var events = (await Events.ListAsync(ns)).Items;
        Assert.Equal(["weight 20%", "weight 40%"], events.Select(e => e.Note!).Order());
        Assert.Equal(2, events.Select(e => e.Metadata.Name).Distinct().Count());
        Assert.All(events, e => Assert.Null(e.Series));
        Assert.Equal(2, recorder.Metrics.Emitted);
    }

    [Fact]
    public async Task An_event_deleted_between_repeats_is_re_created_with_the_count_continuing()
    {
        var (ns, web) = await CreateObjectAsync();
        await using var recorder = NewRecorder();
        recorder.Record(web, EventTypes.Warning, "RolloutAborted", "Abort", "analysis failed");
        await recorder.FlushAsync();
        var first = Assert.Single((await Events.ListAsync(ns)).Items);
        await Events.DeleteAsync(ns, first.Metadata.Name!);

        _clock.Advance(TimeSpan.FromMinutes(1));
        recorder.Record(web, EventTypes.Warning, "RolloutAborted", "Abort", "analysis failed");
        await recorder.FlushAsync();

        var recreated = Assert.Single((await Events.ListAsync(ns)).Items);
        Assert.Equal(first.Metadata.Name, recreated.Metadata.Name);
        Assert.NotEqual(first.Metadata.Uid, recreated.Metadata.Uid);
        Assert.Equal(_start, recreated.EventTime);
        Assert.Equal(2, recreated.Series?.Count);
        Assert.Equal(_start.AddMinutes(1), recreated.Series?.LastObservedTime);

        _clock.Advance(TimeSpan.FromMinutes(1));
        recorder.Record(web, EventTypes.Warning, "RolloutAborted", "Abort", "analysis failed");
        await recorder.FlushAsync();
        Assert.Equal(3, (await Events.GetAsync(ns, first.Metadata.Name!)).Series?.Count);
        Assert.Equal((1, 2, 0), (recorder.Metrics.Emitted, recorder.Metrics.Aggregated, recorder.Metrics.Failed));
    }

    [Fact]
    public async Task A_note_over_1_KiB_is_cut_at_a_character_boundary_and_accepted()
    {
        var (ns, web) = await CreateObjectAsync();
        await using var recorder = NewRecorder();
        var note = new string('x', 1000) + new string('é', 100);

        recorder.Record(web, EventTypes.Warning, "AnalysisFailed", "Analyze", note);
        await recorder.FlushAsync();

        var ev = Assert.Single((await Events.ListAsync(ns)).Items);
        Assert.Equal(new string('x', 1000) + new string('é', 12), ev.Note);
        Assert.Equal(0, recorder.Metrics.Failed);
    }

    [Fact]
    public async Task Events_about_a_cluster_scoped_object_go_to_the_default_namespace()
    {
        var ns = await cluster.CreateNamespaceAsync();
        var namespaceObject = await cluster.Client.Resource<Namespace>(ResourceTypes.Namespaces).GetAsync(null, ns);
        await using var recorder = NewRecorder();

        recorder.Record(namespaceObject, EventTypes.Normal, "Adopted", "Adopt", "namespace enrolled");
        await recorder.FlushAsync();

        var ev = await Events.GetAsync("default", $"{ns}.{UnixNanos(_start):x}");
        Assert.Equal(ns, ev.Regarding?.Name);
        Assert.Equal("Namespace", ev.Regarding?.Kind);
        Assert.Null(ev.Regarding?.Namespace);
    }

    [Fact]
    public async Task The_spam_filter_allows_a_burst_of_25_per_object_then_one_per_5_minutes()
    {
        var (ns, web) = await CreateObjectAsync();
        var other = await ConfigMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "other", Namespace = ns } });
        await using var recorder = NewRecorder();

        for (var i = 1; i <= 26; i++)
        {
            recorder.Record(web, EventTypes.Normal, "TrafficWeightUpdated", "Promote", $"weight {i}%");
        }

        recorder.Record(other, EventTypes.Normal, "TrafficWeightUpdated", "Promote", "weight 1%");
        Assert.Equal(1, recorder.Metrics.DroppedByRateLimit);

        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        recorder.Record(web, EventTypes.Normal, "TrafficWeightUpdated", "Promote", "weight 27%");
        Assert.Equal(2, recorder.Metrics.DroppedByRateLimit);
        _clock.Advance(TimeSpan.FromTicks(1));
        recorder.Record(web, EventTypes.Normal, "TrafficWeightUpdated", "Promote", "weight 28%");
        recorder.Record(web, EventTypes.Normal, "TrafficWeightUpdated", "Promote", "weight 29%");
        await recorder.FlushAsync();

        var notes = (await Events.ListAsync(ns)).Items.Where(e => e.Regarding?.Name == "web").Select(e => e.Note).ToHashSet();
        Assert.Equal(26, notes.Count);
        Assert.DoesNotContain("weight 26%", notes);
        Assert.DoesNotContain("weight 27%", notes);
        Assert.Contains("weight 28%", notes);
        Assert.Equal(new EventRecorderMetrics(Emitted: 27, Aggregated: 0, DroppedByRateLimit: 3, DroppedQueueFull: 0, Failed: 0, Pending: 0) { Writes = 27 }, recorder.Metrics);
    }

    [Fact]
    public async Task Invalid_arguments_are_counted_and_logged_not_thrown()
    {
        var (ns, web) = await CreateObjectAsync();
        await using var recorder = NewRecorder();

        recorder.Record(web, "Info", "RolloutUpdated", "Update", "not a valid type");
        recorder.Record(web, EventTypes.Normal, new string('R', 129), "Update", "reason too long");
        recorder.Record(web, EventTypes.Normal, "RolloutUpdated", "", "no action");
        recorder.Record(new ObjectReference { Kind = "ConfigMap", Namespace = ns }, EventTypes.Normal, "RolloutUpdated", "Update", "no name");
        await recorder.FlushAsync();

        Assert.Empty((await Events.ListAsync(ns)).Items);
        Assert.Equal(4, recorder.Metrics.Failed);
    }

    [Fact]
    public async Task Disposing_writes_what_is_queued_and_later_records_are_ignored()
    {
        var (ns, web) = await CreateObjectAsync();
        var recorder = NewRecorder();
        for (var i = 1; i <= 5; i++)
        {
            recorder.Record(web, EventTypes.Normal, "RolloutUpdated", "Update", $"step {i}");
        }

        await recorder.DisposeAsync();
        recorder.Record(web, EventTypes.Normal, "RolloutUpdated", "Update", "after dispose");
        await recorder.FlushAsync();
        await recorder.DisposeAsync();

        Assert.Equal(5, (await Events.ListAsync(ns)).Items.Count);
        Assert.Equal(new EventRecorderMetrics(Emitted: 5, Aggregated: 0, DroppedByRateLimit: 0, DroppedQueueFull: 0, Failed: 0, Pending: 0) { Writes = 5 }, recorder.Metrics);
    }

    private EventRecorder NewRecorder(EventRecorderOptions? options = null) =>
        new(cluster.Client, (options ?? new EventRecorderOptions()) with { Clock = _clock });

    private async Task<(string Namespace, ConfigMap Object)> CreateObjectAsync()
    {
        var ns = await cluster.CreateNamespaceAsync();
        var web = await ConfigMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "web", Namespace = ns } });
        return (ns, web);
    }

    private static long UnixNanos(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
}
