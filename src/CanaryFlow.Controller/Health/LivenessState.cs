namespace CanaryFlow.Controller.Health;

/// <summary>
/// What /healthz answers: alive unless a loop of the process that beats here (<see cref="Heartbeat"/>) has not done so
/// for <see cref="StallTimeout"/>, or a fatal failure was reported. Before the first heartbeat the process is
/// starting and counts as alive, so that a slow start is left to the readiness probe. Thread-safe.
/// </summary>
public sealed class LivenessState
{
    private readonly TimeProvider _clock;
    private long _lastHeartbeat = long.MinValue;
    private volatile string? _failure;

    public LivenessState(TimeSpan stallTimeout, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stallTimeout, TimeSpan.Zero);
        StallTimeout = stallTimeout;
        _clock = clock ?? TimeProvider.System;
    }

    public TimeSpan StallTimeout { get; }

    /// <summary>The loop is alive now.</summary>
    public void Heartbeat() => Interlocked.Exchange(ref _lastHeartbeat, _clock.GetTimestamp());

    /// <summary>Something the process cannot recover from without a restart (the first reason reported is kept).</summary>
    public void ReportFailure(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Interlocked.CompareExchange(ref _failure, reason, null);
    }

    public HealthStatus Check()
    {
        if (_failure is { } failure)
        {
            return new HealthStatus(false, failure);
        }

        var lastHeartbeat = Interlocked.Read(ref _lastHeartbeat);
        if (lastHeartbeat == long.MinValue)
        {
            return new HealthStatus(true, "ok: starting");
        }

        var silence = _clock.GetElapsedTime(lastHeartbeat);
        return silence > StallTimeout
            ? new HealthStatus(false, $"no heartbeat for {silence.TotalSeconds:0.###} s (limit {StallTimeout.TotalSeconds:0.###} s)")
            : new HealthStatus(true, "ok");
    }
}
