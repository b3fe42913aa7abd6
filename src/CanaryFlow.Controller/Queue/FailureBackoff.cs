namespace CanaryFlow.Controller.Queue;

/// <summary>
/// Consecutive failures per key and the exponential wait they earn. Not thread-safe: the work queue calls it under its lock.
/// </summary>
internal sealed class FailureBackoff<TKey>(TimeSpan baseDelay, TimeSpan maxDelay, IEqualityComparer<TKey> comparer)
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> _failures = new(comparer);

    /// <summary>Counts one more failure of <paramref name="key"/> and returns the wait before its retry.</summary>
    public TimeSpan NextDelay(TKey key)
    {
        var failures = _failures.GetValueOrDefault(key);
        _failures[key] = failures == int.MaxValue ? failures : failures + 1;

        // Doubles may overflow to infinity for long failure streaks; the comparison still caps them.
        var ticks = baseDelay.Ticks * Math.Pow(2, failures);
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    public int Failures(TKey key) => _failures.GetValueOrDefault(key);

    public void Forget(TKey key) => _failures.Remove(key);
}
