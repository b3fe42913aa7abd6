using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.Kubernetes.Events;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Tests.Infrastructure;
using CanaryFlow.LocalCluster;
using CanaryFlow.LocalCluster.Faults;

namespace CanaryFlow.Kubernetes.Tests.Events;

/// <summary>
/// The recorder while the API server fails, each test on a server of its own (faults are server-wide). Back-off and
/// the drain deadline run on a fake clock that tells the test when the recorder starts waiting.
/// </summary>
public sealed class EventRecorderFaultTests : IAsyncLifetime
{
    private readonly TimerAwareClock _clock = new();
    private LocalClusterServer _server = null!;
    private KubernetesClient _client = null!;
    private string _directory = "";

    public async Task InitializeAsync()
    {
        _server = await LocalClusterServer.StartAsync(new LocalClusterOptions { SimulateWorkloads = false });
        KubernetesConnection connection;
        (connection, _directory) = ClusterFixture.Connect(_server);
        _client = new KubernetesClient(connection);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Failing_writes_never_block_or_throw_are_retried_with_back_off_then_dropped_and_counted()
    {
        var web = new ObjectReference { ApiVersion = "v1", Kind = "ConfigMap", Namespace = "default", Name = "web", Uid = "6f0c" };
        await using var recorder = new EventRecorder(_client, new EventRecorderOptions
        {
            Clock = _clock,
            MaxAttempts = 3,
            InitialRetryDelay = TimeSpan.FromSeconds(1),

            // One writer, so the second event waits behind the first one's back-off and the timers come in a known order.
            MaxConcurrentWrites = 1,
        });
        _server.Faults.Set(new FaultRule { Verb = "create", Resource = "events", InternalErrorProbability = 1 });

        recorder.Record(web, EventTypes.Warning, "RolloutAborted", "Abort", "first");

        // The write failed and now waits for its back-off, long after Record returned.
        Assert.Equal(TimeSpan.FromSeconds(1), await _clock.WaitForTimerAsync());
        Assert.Equal(1, recorder.Metrics.Pending);
        recorder.Record(web, EventTypes.Warning, "RolloutAborted", "Abort", "second");
        Assert.Equal(2, recorder.Metrics.Pending);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(2), await _clock.WaitForTimerAsync());
        _clock.Advance(TimeSpan.FromSeconds(2));

        // The first event is out of attempts; the second has failed once and waits.
        Assert.Equal(TimeSpan.FromSeconds(1), await _clock.WaitForTimerAsync());
        Assert.Equal(1, recorder.Metrics.Failed);
        _server.Faults.Clear();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));

        recorder.Record(web, EventTypes.Normal, "RolloutUpdated", "Update", "third");
        await recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(4, _server.Faults.InjectedCount);
        Assert.Equal(new EventRecorderMetrics(Emitted: 2, Aggregated: 0, DroppedByRateLimit: 0, DroppedQueueFull: 0, Failed: 1, Pending: 0) { Writes = 2 }, recorder.Metrics);
        var notes = (await _client.Resource<Event>(ResourceTypes.Events).ListAsync("default")).Items.Select(e => e.Note).Order();
        Assert.Equal(["second", "third"], notes);
    }

    [Fact]
    public async Task A_failing_series_update_is_retried_like_a_create()
    {
        var web = new ObjectReference { ApiVersion = "v1", Kind = "ConfigMap", Namespace = "default", Name = "web", Uid = "6f0c" };
        await using var recorder = new EventRecorder(_client, new EventRecorderOptions { Clock = _clock, MaxAttempts = 2 });
        recorder.Record(web, EventTypes.Warning, "RolloutAborted", "Abort", "analysis failed");
        await recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));

        _server.Faults.Set(new FaultRule { Verb = "patch", Resource = "events", InternalErrorProbability = 1 });
        recorder.Record(web, EventTypes.Warning, "RolloutAborted", "Abort", "analysis failed");
        await _clock.WaitForTimerAsync();
        _server.Faults.Clear();
        _clock.Advance(TimeSpan.FromSeconds(1));
        await recorder.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));

        var ev = Assert.Single((await _client.Resource<Event>(ResourceTypes.Events).ListAsync("default")).Items);
        Assert.Equal(2, ev.Series?.Count);
        Assert.Equal((1, 1, 0), (recorder.Metrics.Emitted, recorder.Metrics.Aggregated, recorder.Metrics.Failed));
    }

    [Fact]
    public async Task Disposing_gives_up_on_writes_that_outlast_the_drain_deadline()
    {
        var web = new ObjectReference { ApiVersion = "v1", Kind = "ConfigMap", Namespace = "default", Name = "web", Uid = "6f0c" };
        var recorder = new EventRecorder(_client, new EventRecorderOptions { Clock = _clock, DrainTimeout = TimeSpan.FromSeconds(5) });
        _server.Faults.Set(new FaultRule { Verb = "create", Resource = "events", SlowProbability = 1, Delay = TimeSpan.FromMinutes(5) });
        recorder.Record(web, EventTypes.Normal, "RolloutUpdated", "Update", "step 1");
        recorder.Record(web, EventTypes.Normal, "RolloutUpdated", "Update", "step 2");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_server.Faults.InjectedCount == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the write never reached the server");
            await Task.Delay(10);
        }

        var disposing = recorder.DisposeAsync().AsTask();
        Assert.Equal(TimeSpan.FromSeconds(5), await _clock.WaitForTimerAsync());
        Assert.False(disposing.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(5));
        await disposing.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(new EventRecorderMetrics(Emitted: 0, Aggregated: 0, DroppedByRateLimit: 0, DroppedQueueFull: 0, Failed: 2, Pending: 0), recorder.Metrics);
    }
}
