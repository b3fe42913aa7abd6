using CanaryFlow.Kubernetes.Labels;

namespace CanaryFlow.Kubernetes.Events;

/// <summary>How the event recorder names itself, de-duplicates, limits and retries.</summary>
public sealed record EventRecorderOptions
{
    /// <summary>A qualified name (<c>prefix/name</c>), written as reportingController.</summary>
    public string ReportingController { get; init; } = "canaryflow.io/canaryflow";

    /// <summary>At most 128 characters; defaults to the host name, which in a pod is the pod's name.</summary>
    public string ReportingInstance { get; init; } = DefaultReportingInstance();

    /// <summary>
    /// Writes waiting for a writer; further events are dropped (counted, and logged as a warning) until there is room.
    /// client-go's broadcaster holds 1,000, which a controller of 1,000 Rollouts moving at once overflows (about 9 Events
    /// each): 10,000 holds that burst, at a few hundred bytes per waiting event.
    /// </summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>
    /// Events written at once. One writer at a time keeps pace only with the API server's round trip; a few in parallel
    /// multiplex over the client's HTTP/2 connection and stay within its QPS limit, which they share with reconciles.
    /// The events about one object all go through the same writer, so they are written in the order they were recorded.
    /// </summary>
    public int MaxConcurrentWrites { get; init; } = 8;

    /// <summary>At most one warning per this interval while the queue is full, with the number dropped.</summary>
    public TimeSpan DropWarningInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A repeat within this long of the previous occurrence updates the existing Event's series; a later one starts a
    /// new Event. client-go's events.k8s.io recorder finishes a series after 6 minutes without occurrences.
    /// </summary>
    public TimeSpan SeriesWindow { get; init; } = TimeSpan.FromMinutes(6);

    /// <summary>How many recent events are remembered for series.</summary>
    public int SeriesCacheCapacity { get; init; } = 4096;

    /// <summary>Events one object may have at once before the spam filter throttles it (client-go: 25).</summary>
    public int SpamFilterBurst { get; init; } = 25;

    /// <summary>After the burst, one more event per object per interval (client-go: 5 minutes).</summary>
    public TimeSpan SpamFilterRefillInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many objects the spam filter tracks.</summary>
    public int SpamFilterCapacity { get; init; } = 4096;

    /// <summary>Tries per event, the first included, before a transient failure drops it.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>The wait after the first failure; it doubles after each further one up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long disposing waits for queued events to be written before it abandons the rest.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The wait before attempt <paramref name="failedAttempt"/> + 1.</summary>
    internal TimeSpan RetryDelay(int failedAttempt)
    {
        var doubled = InitialRetryDelay.Ticks * Math.Pow(2, Math.Min(failedAttempt - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(doubled, MaxRetryDelay.Ticks));
    }

    /// <summary>Fails at start-up on settings the server would reject on every event.</summary>
    internal void Validate()
    {
        var controllerProblems = LabelFormat.KeyProblems(ReportingController);
        if (controllerProblems.Count > 0)
        {
            throw new ArgumentException($"ReportingController '{ReportingController}' is not a qualified name: {controllerProblems[0]}");
        }

        if (ReportingInstance.Length is 0 or > EventFieldRules.MaxReportingInstanceLength)
        {
            throw new ArgumentException($"ReportingInstance must have 1 to {EventFieldRules.MaxReportingInstanceLength} characters");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(QueueCapacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxAttempts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxConcurrentWrites);
        ArgumentOutOfRangeException.ThrowIfLessThan(DropWarningInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialRetryDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, InitialRetryDelay);
        ArgumentOutOfRangeException.ThrowIfLessThan(DrainTimeout, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(Clock);
    }

    private static string DefaultReportingInstance()
    {
        var host = Environment.MachineName;
        return host.Length > EventFieldRules.MaxReportingInstanceLength ? host[..EventFieldRules.MaxReportingInstanceLength] : host;
    }
}
