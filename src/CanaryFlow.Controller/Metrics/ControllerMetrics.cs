using CanaryFlow.Controller.Queue;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Events;

namespace CanaryFlow.Controller.Metrics;

/// <summary>
/// Every metric the controller exposes, so that names, labels and cardinality limits are reviewed in one place.
/// Callers record through the methods here and never spell a label name. To add a metric, create it in the
/// constructor and add a recording method, or a collector (<see cref="MetricRegistry.AddCollector"/>) when the value
/// lives in another component and is only read at scrape time, as <see cref="ObserveEventRecorder"/> does.
/// </summary>
public sealed class ControllerMetrics
{
    public const string ReconcileDurationName = "canaryflow_reconcile_duration_seconds";
    public const string WorkQueueDepthName = "canaryflow_workqueue_depth";
    public const string WorkQueueDelayedName = "canaryflow_workqueue_delayed";
    public const string WorkQueueInFlightName = "canaryflow_workqueue_in_flight";
    public const string RolloutsName = "canaryflow_rollouts";
    public const string ApiRequestsName = "canaryflow_api_requests_total";
    public const string ApiRequestDurationName = "canaryflow_api_request_duration_seconds";
    public const string EventsName = "canaryflow_events_total";
    public const string EventsPendingName = "canaryflow_events_pending";
    public const string EventWritesName = "canaryflow_event_writes_total";
    public const string LeaderName = "canaryflow_leader";
    public const string MeasurementsName = "canaryflow_analysis_measurements_total";
    public const string MeasurementDurationName = "canaryflow_analysis_measurement_duration_seconds";
    public const string GitOperationsName = "canaryflow_git_operations_total";

    /// <summary>The <c>result</c> of a reconcile: what it returned, or <see cref="ErrorResult"/> when it threw.</summary>
    public const string DoneResult = "done";
    public const string RequeueResult = "requeue";
    public const string FailedResult = "failed";
    public const string ErrorResult = "error";

    /// <summary>client-go's <c>code</c> for a request that got no response.</summary>
    public const string NoResponseCode = "<error>";

    // Reconciles wait on the API server and on analysis providers: a few buckets past Prometheus' default 10 s. One
    // that only reads the caches and writes nothing (every resync of a steady fleet) takes well under a millisecond,
    // so buckets from 0.1 ms keep its quantiles from being an artefact of a 0-5 ms first bucket.
    private static readonly double[] _reconcileBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, .. Histogram.DefaultBuckets, 30, 60];
    private static readonly string[] _rolloutPhases = ["Healthy", "Progressing", "Paused", "Degraded"];

    private readonly TimeProvider _clock;

    public ControllerMetrics(MetricRegistry registry, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        _clock = clock ?? TimeProvider.System;

        ReconcileDuration = registry.CreateHistogram(
            ReconcileDurationName, "Time one reconcile of one Rollout took, by result.", _reconcileBuckets, ["result"], maxSeries: 8);
        WorkQueueDepth = registry.CreateGauge(WorkQueueDepthName, "Keys queued now, waiting for a worker.");
        WorkQueueDelayed = registry.CreateGauge(WorkQueueDelayedName, "Keys waiting for a due time: a timed pause, an analysis interval or a failure back-off.");
        WorkQueueInFlight = registry.CreateGauge(WorkQueueInFlightName, "Keys being reconciled now.");
        Rollouts = registry.CreateGauge(RolloutsName, "Rollouts by status.phase.", ["phase"], maxSeries: 16);
        ApiRequests = registry.CreateCounter(
            ApiRequestsName, "Kubernetes API requests by verb and HTTP status code (<error>: no response), after retries.", ["verb", "code"]);
        ApiRequestDuration = registry.CreateHistogram(
            ApiRequestDurationName, "Kubernetes API request latency by verb, watches included.", Histogram.DefaultBuckets, ["verb"], maxSeries: 16);
        Events = registry.CreateCounter(
            EventsName, "Kubernetes Events by what became of them: emitted, aggregated, dropped_rate_limit, dropped_queue_full, failed.", ["outcome"], maxSeries: 8);
        EventsPending = registry.CreateGauge(EventsPendingName, "Kubernetes Events queued or being written now.");
        EventWrites = registry.CreateCounter(
            EventWritesName, "Kubernetes Event writes (creates and series patches); repeats folded into one write make it fewer than emitted + aggregated.");
        Leader = registry.CreateGauge(LeaderName, "1 while this instance holds the leader Lease (or runs without leader election), else 0.");
        Measurements = registry.CreateCounter(
            MeasurementsName, "Analysis measurements taken, by provider (prometheus, web) and phase (Successful, Failed, Inconclusive, Error).", ["provider", "phase"], maxSeries: 16);
        MeasurementDuration = registry.CreateHistogram(
            MeasurementDurationName, "Time one analysis measurement took (query and judgement), by provider.", Histogram.DefaultBuckets, ["provider"], maxSeries: 4);

        GitOperations = registry.CreateCounter(
            GitOperationsName, "Config-repo work for spec.git by operation (resolve-stable, resolve-canary, revert) and outcome (done, retry).", ["operation", "outcome"], maxSeries: 8);

        // Known label values exist from the start, so rate() and absent-series alerts see zeros rather than nothing.
        foreach (var result in (ReadOnlySpan<string>)[DoneResult, RequeueResult, FailedResult, ErrorResult])
        {
            ReconcileDuration.WithLabels(result);
        }

        foreach (var phase in _rolloutPhases)
        {
            Rollouts.WithLabels(phase);
        }
    }

    public MetricRegistry Registry { get; }

    public Histogram ReconcileDuration { get; }

    public Gauge WorkQueueDepth { get; }

    public Gauge WorkQueueDelayed { get; }

    public Gauge WorkQueueInFlight { get; }

    public Gauge Rollouts { get; }

    public Counter ApiRequests { get; }

    public Histogram ApiRequestDuration { get; }

    public Counter Events { get; }

    public Gauge EventsPending { get; }

    public Counter EventWrites { get; }

    public Gauge Leader { get; }

    public Counter Measurements { get; }

    public Histogram MeasurementDuration { get; }

    public Counter GitOperations { get; }

    /// <summary>Counts one piece of Git work: <paramref name="outcome"/> is <c>done</c> or <c>retry</c>.</summary>
    public void RecordGitOperation(string operation, string outcome) => GitOperations.WithLabels(operation, outcome).Inc();

    /// <summary>Counts one analysis measurement; <paramref name="provider"/> is <c>prometheus</c>, <c>web</c> or <c>none</c>.</summary>
    public void RecordMeasurement(string provider, string phase, TimeSpan duration)
    {
        Measurements.WithLabels(provider, phase).Inc();
        MeasurementDuration.WithLabels(provider).Observe(duration.TotalSeconds);
    }

    /// <summary>Wraps a reconcile so that each run is timed on the clock and counted by its result.</summary>
    public Func<TKey, CancellationToken, Task<ReconcileResult>> MeasureReconcile<TKey>(Func<TKey, CancellationToken, Task<ReconcileResult>> reconcile)
    {
        ArgumentNullException.ThrowIfNull(reconcile);
        return async (key, cancellationToken) =>
        {
            var started = _clock.GetTimestamp();
            var result = ErrorResult;
            try
            {
                var outcome = await reconcile(key, cancellationToken).ConfigureAwait(false);
                result = outcome.Outcome switch
                {
                    ReconcileOutcome.Done => DoneResult,
                    ReconcileOutcome.Requeue => RequeueResult,
                    _ => FailedResult,
                };
                return outcome;
            }
            finally
            {
                ReconcileDuration.WithLabels(result).Observe(_clock.GetElapsedTime(started).TotalSeconds);
            }
        };
    }

    /// <summary>Reads the queue's depth, delayed and in-flight counts at every scrape.</summary>
    public void ObserveWorkQueue<TKey>(WorkQueue<TKey> queue)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(queue);
        Registry.AddCollector(() =>
        {
            WorkQueueDepth.Set(queue.Depth);
            WorkQueueDelayed.Set(queue.Delayed);
            WorkQueueInFlight.Set(queue.InFlight);
        });
    }

    /// <summary>Plugs into <see cref="KubernetesClientOptions.RequestCompleted"/>: <c>RequestCompleted = metrics.RecordApiRequest</c>.</summary>
    public void RecordApiRequest(ApiRequestRecord request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var code = request.StatusCode == 0 ? NoResponseCode : request.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ApiRequests.WithLabels(request.Verb, code).Inc();
        ApiRequestDuration.WithLabels(request.Verb).Observe(request.Duration.TotalSeconds);
    }

    /// <summary>Sets how many Rollouts are in <paramref name="phase"/> (a <c>status.phase</c> value).</summary>
    public void SetRolloutsInPhase(string phase, int count)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Rollouts.WithLabels(phase).Set(count);
    }

    public void SetLeader(bool leading) => Leader.Set(leading ? 1 : 0);

    /// <summary>Reads the event recorder's counters (<see cref="EventRecorder.Metrics"/>) at every scrape.</summary>
    public void ObserveEventRecorder(Func<EventRecorderMetrics> snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Registry.AddCollector(() =>
        {
            var counts = snapshot();
            Events.WithLabels("emitted").IncTo(counts.Emitted);
            Events.WithLabels("aggregated").IncTo(counts.Aggregated);
            Events.WithLabels("dropped_rate_limit").IncTo(counts.DroppedByRateLimit);
            Events.WithLabels("dropped_queue_full").IncTo(counts.DroppedQueueFull);
            Events.WithLabels("failed").IncTo(counts.Failed);
            EventsPending.Set(counts.Pending);
            EventWrites.WithLabels().IncTo(counts.Writes);
        });
    }
}
