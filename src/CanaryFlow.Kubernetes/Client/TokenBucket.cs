namespace CanaryFlow.Kubernetes.Client;

/// <summary>
/// The client-side rate limit of client-go (QPS with a burst): requests take a token, tokens refill at
/// <c>qps</c> per second up to <c>burst</c>, and a request without a token waits for the next one.
/// </summary>
public sealed class TokenBucket
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;
    private readonly double _qps;
    private readonly double _burst;
    private double _tokens;
    private long _lastRefill;

    public TokenBucket(double qps, int burst, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(qps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _clock = clock ?? TimeProvider.System;
        _qps = qps;
        _burst = burst;
        _tokens = burst;
        _lastRefill = _clock.GetTimestamp();
    }

    /// <summary>Waits until a token is available and takes it.</summary>
    public async ValueTask TakeAsync(CancellationToken cancellationToken)
    {
        var wait = Reserve();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes a token now (possibly going into debt) and returns how long the caller must wait before using it.</summary>
    public TimeSpan Reserve()
    {
        lock (_lock)
        {
            var now = _clock.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + (_clock.GetElapsedTime(_lastRefill, now).TotalSeconds * _qps));
            _lastRefill = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
        }
    }
}
