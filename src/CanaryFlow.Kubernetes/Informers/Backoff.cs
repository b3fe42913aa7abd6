namespace CanaryFlow.Kubernetes.Informers;

/// <summary>
/// client-go's reflector back-off: 0.8 s doubling to 30 s, each wait plus up to 100 % jitter, starting over after
/// two minutes without a failure.
/// </summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan max, TimeSpan resetAfter, TimeProvider clock, Random random)
{
    private int _failures;
    private DateTimeOffset _lastFailure = DateTimeOffset.MinValue;

    public TimeSpan Next()
    {
        var now = clock.GetUtcNow();
        if (now - _lastFailure > resetAfter)
        {
            _failures = 0;
        }

        _lastFailure = now;
        var baseDelay = Math.Min(initial.TotalMilliseconds * Math.Pow(2, _failures), max.TotalMilliseconds);
        _failures++;
        return TimeSpan.FromMilliseconds(Math.Min(baseDelay * (1 + random.NextDouble()), max.TotalMilliseconds));
    }
}
