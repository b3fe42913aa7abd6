using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.Kubernetes.Events;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Tests.Infrastructure;
using CanaryFlow.LocalCluster;
using CanaryFlow.LocalCluster.Faults;

namespace CanaryFlow.Kubernetes.Tests.Events;

/// <summary>
/// The recorder when a whole fleet moves at once, each test on a LocalCluster of its own (one slows the server down,
/// and faults are server-wide). The client's rate limit is raised as the fleet benchmark raises the controller's, so
/// the recorder, not the limit, is what is measured.
/// </summary>
public sealed class EventRecorderBurstTests : IAsyncLifetime
{
    private LocalClusterServer _server = null!;
    private KubernetesClient _client = null!;
    private string _directory = "";

    private ResourceClient<Event> Events => _client.Resource<Event>(ResourceTypes.Events);

    public async Task InitializeAsync()
    {
        _server = await LocalClusterServer.StartAsync(new LocalClusterOptions { SimulateWorkloads = false });
        KubernetesConnection connection;
        (connection, _directory) = ClusterFixture.Connect(_server);
        _client = new KubernetesClient(connection, new KubernetesClientOptions { Qps = 5000, Burst = 5000 });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Three_events_for_each_of_1000_objects_recorded_at_once_are_all_written()
    {
        // 3,000 events at once: three times what the single writer's queue of 1,000 held before.
        await using var recorder = new EventRecorder(_client);
        string[] reasons = ["RolloutUpdated", "TrafficWeightUpdated", "RolloutStepCompleted"];
        Parallel.For(0, 1000, i =>
        {
            var rollout = new ObjectReference { ApiVersion = "canaryflow.io/v1alpha1", Kind = "Rollout", Namespace = "default", Name = $"api-{i}", Uid = $"uid-{i}" };
            foreach (var reason in reasons)
            {
                recorder.Record(rollout, EventTypes.Normal, reason, "Update", $"{reason} for api-{i}");
            }
        });
        await recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(120));

        var events = (await Events.ListAsync("default")).Items;
        Assert.Equal(3000, events.Count);
        Assert.Equal(1000, events.Select(e => e.Regarding!.Name).Distinct().Count());
        Assert.All(events, e => Assert.Null(e.Series));
        Assert.Equal(new EventRecorderMetrics(Emitted: 3000, Aggregated: 0, DroppedByRateLimit: 0, DroppedQueueFull: 0, Failed: 0, Pending: 0) { Writes = 3000 }, recorder.Metrics);
    }

    [Fact]
    public async Task Identical_events_recorded_while_the_first_is_being_written_become_one_event_with_their_count()
    {
        // The create is held up at the server, so every repeat arrives while it is in flight: they cost no request of
        // their own, and no spam-filter credit either (500 is far beyond the per-object burst of 25).
        _server.Faults.Set(new FaultRule { Verb = "create", Resource = "events", SlowProbability = 1, Delay = TimeSpan.FromSeconds(1) });
        await using var recorder = new EventRecorder(_client);
        var web = new ObjectReference { ApiVersion = "v1", Kind = "ConfigMap", Namespace = "default", Name = "web", Uid = "6f0c" };
        recorder.Record(web, EventTypes.Warning, "RolloutAborted", "Abort", "analysis failed");
        await WaitUntilAsync(() => _server.Faults.InjectedCount > 0, "the create to reach the server");

        Parallel.For(1, 500, _ => recorder.Record(web, EventTypes.Warning, "RolloutAborted", "Abort", "analysis failed"));
        Assert.Equal(1, recorder.Metrics.Pending);
        await recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var ev = Assert.Single((await Events.ListAsync("default")).Items);
        Assert.Equal(500, ev.Series?.Count);
        Assert.Equal("analysis failed", ev.Note);
        Assert.Equal(new EventRecorderMetrics(Emitted: 1, Aggregated: 499, DroppedByRateLimit: 0, DroppedQueueFull: 0, Failed: 0, Pending: 0) { Writes = 2 }, recorder.Metrics);
    }

    [Fact]
    public async Task Events_about_one_object_are_written_in_the_order_recorded_while_other_objects_go_alongside()
    {
        await using var recorder = new EventRecorder(_client);
        for (var i = 1; i <= 20; i++)
        {
            for (var other = 0; other < 10; other++)
            {
                recorder.Record(new ObjectReference { ApiVersion = "v1", Kind = "ConfigMap", Namespace = "default", Name = $"other-{other}", Uid = $"o{other}" }, EventTypes.Normal, "RolloutUpdated", "Update", $"step {i}");
            }

            recorder.Record(new ObjectReference { ApiVersion = "v1", Kind = "ConfigMap", Namespace = "default", Name = "web", Uid = "6f0c" }, EventTypes.Normal, "RolloutUpdated", "Update", $"step {i}");
        }

        await recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var events = (await Events.ListAsync("default")).Items;
        Assert.Equal(220, events.Count);
        var web = events.Where(e => e.Regarding?.Name == "web").OrderBy(e => long.Parse(e.Metadata.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"step {i}"), web.Select(e => e.Note));
    }

    [Fact]
    public async Task A_full_queue_drops_and_counts_what_does_not_fit()
    {
        _server.Faults.Set(new FaultRule { Verb = "create", Resource = "events", SlowProbability = 1, Delay = TimeSpan.FromSeconds(1) });
        await using var recorder = new EventRecorder(_client, new EventRecorderOptions { QueueCapacity = 10, MaxConcurrentWrites = 1 });
        var web = new ObjectReference { ApiVersion = "v1", Kind = "ConfigMap", Namespace = "default", Name = "web", Uid = "6f0c" };
        recorder.Record(web, EventTypes.Normal, "RolloutUpdated", "Update", "step 0");
        await WaitUntilAsync(() => _server.Faults.InjectedCount > 0, "the first create to reach the server");

        // The writer holds "step 0"; ten more fill the queue and the other five are dropped.
        for (var i = 1; i <= 15; i++)
        {
            recorder.Record(web, EventTypes.Normal, "RolloutUpdated", "Update", $"step {i}");
        }

        Assert.Equal(5, recorder.Metrics.DroppedQueueFull);
        _server.Faults.Clear();
        await recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(11, (await Events.ListAsync("default")).Items.Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }
}
