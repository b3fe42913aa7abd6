namespace CanaryFlow.Kubernetes.Events;

/// <summary>
/// client-go's per-object spam filter: each object may have a burst of events, then one per refill interval. A
/// controller stuck in a loop on one object must not flood the API server (or drown the events of other objects).
/// Buckets live in an LRU cache, so a forgotten object starts again with a full burst.
/// </summary>
internal sealed class EventSpamFilter
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;
    private readonly long _costTicks;
    private readonly long _capacityTicks;
    private readonly LruCache<RegardingIdentity, Bucket> _buckets;

    public EventSpamFilter(int burst, TimeSpan refillInterval, int capacity, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(refillInterval, TimeSpan.Zero);
        _clock = clock;
        _costTicks = refillInterval.Ticks;
        _capacityTicks = refillInterval.Ticks * burst;
        _buckets = new LruCache<RegardingIdentity, Bucket>(capacity);
    }

    /// <summary>Takes one event's worth from the object's bucket; false when it is empty.</summary>
    public bool TryAdmit(RegardingIdentity regarding)
    {
        lock (_lock)
        {
            var now = _clock.GetTimestamp();
            if (!_buckets.TryGetValue(regarding, out var bucket))
            {
                bucket = new Bucket { CreditTicks = _capacityTicks, LastRefill = now };
                _buckets.Set(regarding, bucket);
            }

            // Credit is kept in time units rather than fractional tokens, so "one per interval" is exact.
            var earned = _clock.GetElapsedTime(bucket.LastRefill, now).Ticks;
            bucket.CreditTicks = Math.Min(_capacityTicks, bucket.CreditTicks + Math.Max(0, earned));
            bucket.LastRefill = now;
            if (bucket.CreditTicks < _costTicks)
            {
                return false;
            }

            bucket.CreditTicks -= _costTicks;
            return true;
        }
    }

    private sealed class Bucket
    {
        public long CreditTicks { get; set; }

        public long LastRefill { get; set; }
    }
}
