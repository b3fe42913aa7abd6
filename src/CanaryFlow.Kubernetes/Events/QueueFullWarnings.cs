namespace CanaryFlow.Kubernetes.Events;

/// <summary>
/// Decides when a full queue is worth a warning: the first drop at once, then at most one warning per interval with
/// the number dropped since the last one. One line per dropped event would flood the log exactly when the controller
/// is busiest; none would leave the drops to whoever happens to read the metric.
/// </summary>
internal sealed class QueueFullWarnings(TimeSpan interval, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private long _droppedSinceWarning;
    private long? _lastWarning;

    /// <summary>Counts one drop; returns the drops to report when a warning is due, else null.</summary>
    public long? Dropped()
    {
        lock (_lock)
        {
            _droppedSinceWarning++;
            var now = clock.GetTimestamp();
            if (_lastWarning is { } last && clock.GetElapsedTime(last, now) < interval)
            {
                return null;
            }

            _lastWarning = now;
            var dropped = _droppedSinceWarning;
            _droppedSinceWarning = 0;
            return dropped;
        }
    }
}
