namespace CanaryFlow.Kubernetes.Events;

/// <summary>A snapshot of the recorder's counters, for /metrics. All counts are totals since the recorder started.</summary>
/// <param name="Emitted">New Event objects created.</param>
/// <param name="Aggregated">Repeats written into the series of an existing Event (or of one re-created after it was deleted), one per
/// repeat recorded, however many were folded into one write.</param>
/// <param name="DroppedByRateLimit">Events the per-object spam filter refused.</param>
/// <param name="DroppedQueueFull">Events refused because the queue was full.</param>
/// <param name="Failed">Events given up on: rejected by the server, out of retries, invalid, or abandoned at shutdown.</param>
/// <param name="Pending">Events queued or being written now.</param>
public sealed record EventRecorderMetrics(long Emitted, long Aggregated, long DroppedByRateLimit, long DroppedQueueFull, long Failed, long Pending)
{
    /// <summary>Successful API writes (creates and series patches): fewer than Emitted + Aggregated when repeats were folded.</summary>
    public long Writes { get; init; }
}
