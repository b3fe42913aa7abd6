namespace CanaryFlow.Kubernetes.Events;

/// <summary>The recorder's counters, updated from the callers' threads and the writer.</summary>
internal sealed class EventRecorderCounters
{
    private long _emitted;
    private long _aggregated;
    private long _droppedByRateLimit;
    private long _droppedQueueFull;
    private long _failed;
    private long _writes;

    public void Emitted() => Interlocked.Increment(ref _emitted);

    public void Aggregated(long count = 1) => Interlocked.Add(ref _aggregated, count);

    public void Written() => Interlocked.Increment(ref _writes);

    public void DroppedByRateLimit() => Interlocked.Increment(ref _droppedByRateLimit);

    public void DroppedQueueFull() => Interlocked.Increment(ref _droppedQueueFull);

    public void Failed(long count = 1) => Interlocked.Add(ref _failed, count);

    public EventRecorderMetrics Snapshot(long pending) => new(
        Interlocked.Read(ref _emitted),
        Interlocked.Read(ref _aggregated),
        Interlocked.Read(ref _droppedByRateLimit),
        Interlocked.Read(ref _droppedQueueFull),
        Interlocked.Read(ref _failed),
        pending)
    {
        Writes = Interlocked.Read(ref _writes),
    };
}
