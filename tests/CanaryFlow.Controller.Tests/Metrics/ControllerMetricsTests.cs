using CanaryFlow.Controller.Metrics;
using CanaryFlow.Controller.Queue;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Events;
using Microsoft.Extensions.Time.Testing;

namespace CanaryFlow.Controller.Tests.Metrics;

public sealed class ControllerMetricsTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly MetricRegistry _registry = new();
    private readonly ControllerMetrics _metrics;

    public ControllerMetricsTests() => _metrics = new ControllerMetrics(_registry, _clock);

    [Theory]
    [InlineData("canaryflow_reconcile_duration_seconds", "histogram")]
    [InlineData("canaryflow_workqueue_depth", "gauge")]
    [InlineData("canaryflow_workqueue_delayed", "gauge")]
    [InlineData("canaryflow_workqueue_in_flight", "gauge")]
    [InlineData("canaryflow_rollouts", "gauge")]
    [InlineData("canaryflow_leader", "gauge")]
    public void The_controller_metrics_are_exposed_from_the_start(string name, string type) =>
        Assert.Contains($"# TYPE {name} {type}\n", _registry.Render(), StringComparison.Ordinal);

    [Fact]
    public void Every_rollout_phase_starts_at_zero_and_can_be_set()
    {
        _metrics.SetRolloutsInPhase("Paused", 3);

        var text = _registry.Render();
        Assert.Contains("canaryflow_rollouts{phase=\"Degraded\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("canaryflow_rollouts{phase=\"Healthy\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("canaryflow_rollouts{phase=\"Paused\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("canaryflow_rollouts{phase=\"Progressing\"} 0\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Api_requests_are_recorded_through_the_client_options_hook()
    {
        var options = new KubernetesClientOptions { RequestCompleted = _metrics.RecordApiRequest };

        options.RequestCompleted!(new ApiRequestRecord("get", "rollouts.canaryflow.io", 200, TimeSpan.FromMilliseconds(20)));
        options.RequestCompleted!(new ApiRequestRecord("get", "replicasets.apps", 200, TimeSpan.FromMilliseconds(30)));
        options.RequestCompleted!(new ApiRequestRecord("patch", "rollouts.canaryflow.io", 409, TimeSpan.FromMilliseconds(5)));
        options.RequestCompleted!(new ApiRequestRecord("watch", "rollouts.canaryflow.io", 0, TimeSpan.FromSeconds(300)));

        Assert.Equal(2, _metrics.ApiRequests.WithLabels("get", "200").Value);
        Assert.Equal(1, _metrics.ApiRequests.WithLabels("patch", "409").Value);
        Assert.Equal(1, _metrics.ApiRequests.WithLabels("watch", "<error>").Value);
        Assert.Equal(0.05, _metrics.ApiRequestDuration.WithLabels("get").Sum, precision: 12);
        Assert.Contains("canaryflow_api_requests_total{verb=\"watch\",code=\"<error>\"} 1\n", _registry.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconciles_are_timed_on_the_clock_by_result()
    {
        var reconcile = _metrics.MeasureReconcile<string>((key, _) =>
        {
            _clock.Advance(TimeSpan.FromMilliseconds(250));
            return Task.FromResult(key switch
            {
                "done" => ReconcileResult.Done,
                "paused" => ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(5)),
                "failed" => ReconcileResult.Failed("no"),
                _ => throw new InvalidOperationException("bug"),
            });
        });

        Assert.Equal(ReconcileResult.Done, await reconcile("done", CancellationToken.None));
        Assert.Equal(ReconcileOutcome.Requeue, (await reconcile("paused", CancellationToken.None)).Outcome);
        Assert.Equal(ReconcileOutcome.Failed, (await reconcile("failed", CancellationToken.None)).Outcome);
        await Assert.ThrowsAsync<InvalidOperationException>(() => reconcile("bug", CancellationToken.None));

        foreach (var result in new[] { "done", "requeue", "failed", "error" })
        {
            var series = _metrics.ReconcileDuration.WithLabels(result);
            Assert.Equal(1, series.Count);
            Assert.Equal(0.25, series.Sum);
        }

        Assert.Contains(
            "canaryflow_reconcile_duration_seconds_bucket{result=\"done\",le=\"0.25\"} 1\n", _registry.Render(), StringComparison.Ordinal);
        Assert.Contains(
            "canaryflow_reconcile_duration_seconds_bucket{result=\"done\",le=\"0.1\"} 0\n", _registry.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reconcile_that_only_reads_the_caches_lands_in_a_sub_millisecond_bucket()
    {
        var reconcile = _metrics.MeasureReconcile<string>((_, _) =>
        {
            _clock.Advance(TimeSpan.FromMicroseconds(200));
            return Task.FromResult(ReconcileResult.Done);
        });

        await reconcile("steady", CancellationToken.None);

        var text = _registry.Render();
        Assert.Contains("canaryflow_reconcile_duration_seconds_bucket{result=\"done\",le=\"0.0001\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("canaryflow_reconcile_duration_seconds_bucket{result=\"done\",le=\"0.00025\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_work_queue_is_read_at_every_scrape()
    {
        using var queue = new WorkQueue<string>(new WorkQueueOptions { Clock = _clock });
        _metrics.ObserveWorkQueue(queue);
        queue.Add("a");
        queue.Add("b");
        queue.AddAfter("c", TimeSpan.FromSeconds(1));

        var text = _registry.Render();
        Assert.Contains("canaryflow_workqueue_depth 2\n", text, StringComparison.Ordinal);
        Assert.Contains("canaryflow_workqueue_delayed 1\n", text, StringComparison.Ordinal);
        Assert.Contains("canaryflow_workqueue_in_flight 0\n", text, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains("canaryflow_workqueue_depth 3\n", _registry.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Leadership_is_a_zero_or_one_gauge()
    {
        Assert.Contains("canaryflow_leader 0\n", _registry.Render(), StringComparison.Ordinal);
        _metrics.SetLeader(true);
        Assert.Contains("canaryflow_leader 1\n", _registry.Render(), StringComparison.Ordinal);
        _metrics.SetLeader(false);
        Assert.Contains("canaryflow_leader 0\n", _registry.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_event_recorder_counters_are_read_at_every_scrape()
    {
        var snapshot = new EventRecorderMetrics(Emitted: 5, Aggregated: 2, DroppedByRateLimit: 1, DroppedQueueFull: 0, Failed: 3, Pending: 4) { Writes = 6 };
        _metrics.ObserveEventRecorder(() => snapshot);

        var text = _registry.Render();
        Assert.Contains("canaryflow_events_total{outcome=\"emitted\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("canaryflow_events_total{outcome=\"aggregated\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("canaryflow_events_total{outcome=\"dropped_rate_limit\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("canaryflow_events_total{outcome=\"dropped_queue_full\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("canaryflow_events_total{outcome=\"failed\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("canaryflow_events_pending 4\n", text, StringComparison.Ordinal);
        Assert.Contains("canaryflow_event_writes_total 6\n", text, StringComparison.Ordinal);

        snapshot = snapshot with { Emitted = 9, Pending = 0 };
        text = _registry.Render();
        Assert.Contains("canaryflow_events_total{outcome=\"emitted\"} 9\n", text, StringComparison.Ordinal);
        Assert.Contains("canaryflow_events_pending 0\n", text, StringComparison.Ordinal);
    }
}
