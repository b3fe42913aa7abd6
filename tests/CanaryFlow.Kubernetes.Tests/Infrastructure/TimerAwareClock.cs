using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace CanaryFlow.Kubernetes.Tests.Infrastructure;

/// <summary>
/// A fake clock that tells the test when code under test starts waiting on it, so the test advances time only
/// after the wait began (no real-time sleeps, no races).
/// </summary>
public sealed class TimerAwareClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits until some code creates a timer on this clock; returns its due time.</summary>
    public async Task<TimeSpan> WaitForTimerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _timers.Reader.ReadAsync(timeout.Token);
    }
}
