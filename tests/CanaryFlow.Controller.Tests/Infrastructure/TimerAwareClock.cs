using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace CanaryFlow.Controller.Tests.Infrastructure;

/// <summary>
/// A fake clock that tells the test each time code under test arms a timer on it (creates one with a due time, or
/// changes one to a due time), so the test advances time only once the wait is set: no real-time sleeps, no races.
/// </summary>
public sealed class TimerAwareClock : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ReportingTimer(base.CreateTimer(callback, state, dueTime, period), _armed.Writer);
        ReportArmed(_armed.Writer, dueTime);
        return timer;
    }

    /// <summary>Waits until some code arms a timer on this clock; returns its due time (relative to when it was armed).</summary>
    public async Task<TimeSpan> WaitForTimerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _armed.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Whether a timer was armed that no <see cref="WaitForTimerAsync"/> has returned yet.</summary>
    public bool HasUnobservedTimer => _armed.Reader.TryPeek(out _);

    private static void ReportArmed(ChannelWriter<TimeSpan> armed, TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            armed.TryWrite(dueTime);
        }
    }

    private sealed class ReportingTimer(ITimer inner, ChannelWriter<TimeSpan> armed) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            ReportArmed(armed, dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
