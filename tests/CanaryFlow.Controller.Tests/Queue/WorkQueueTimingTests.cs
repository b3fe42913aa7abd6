using CanaryFlow.Controller.Queue;
using CanaryFlow.Controller.Tests.Infrastructure;

namespace CanaryFlow.Controller.Tests.Queue;

/// <summary>Queueing, de-duplication and due times, observed through Depth and Delayed with no workers running.</summary>
public sealed class WorkQueueTimingTests : IDisposable
{
    private static readonly TimeSpan _tick = TimeSpan.FromTicks(1);

    private readonly TimerAwareClock _clock = new();
    private readonly WorkQueue<string> _queue;

    public WorkQueueTimingTests() => _queue = new WorkQueue<string>(new WorkQueueOptions { Clock = _clock }, comparer: StringComparer.Ordinal);

    public void Dispose() => _queue.Dispose();

    [Fact]
    public void A_key_is_queued_at_most_once()
    {
        _queue.Add("prod/api");
        _queue.Add("prod/api");
        _queue.Add("prod/web");
        _queue.Add("prod/api");

        Assert.Equal(2, _queue.Depth);
        Assert.Equal(0, _queue.Delayed);
        Assert.Equal(0, _queue.InFlight);
    }

    [Fact]
    public void The_equality_comparer_decides_what_is_the_same_key()
    {
        using var queue = new WorkQueue<string>(new WorkQueueOptions { Clock = _clock }, comparer: StringComparer.OrdinalIgnoreCase);

        queue.Add("prod/API");
        queue.Add("prod/api");

        Assert.Equal(1, queue.Depth);
    }

    [Fact]
    public void A_delayed_key_is_queued_exactly_at_its_due_time()
    {
        _queue.AddAfter("prod/api", TimeSpan.FromMinutes(5));
        Assert.Equal(1, _queue.Delayed);

        _clock.Advance(TimeSpan.FromMinutes(5) - _tick);
        Assert.Equal(0, _queue.Depth);
        Assert.Equal(1, _queue.Delayed);

        _clock.Advance(_tick);
        Assert.Equal(1, _queue.Depth);
        Assert.Equal(0, _queue.Delayed);
    }

    [Fact]
    public void AddAt_queues_at_the_given_time()
    {
        var due = _clock.GetUtcNow() + TimeSpan.FromSeconds(42.5);
        _queue.AddAt("prod/api", due);

        _clock.SetUtcNow(due - _tick);
        Assert.Equal(0, _queue.Depth);

        _clock.SetUtcNow(due);
        Assert.Equal(1, _queue.Depth);
    }

    [Fact]
    public void A_due_time_already_past_queues_now()
    {
        _queue.AddAt("prod/api", _clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        _queue.AddAfter("prod/web", TimeSpan.Zero);
        _queue.AddAfter("prod/db", TimeSpan.FromSeconds(-3));

        Assert.Equal(3, _queue.Depth);
        Assert.Equal(0, _queue.Delayed);
    }

    [Fact]
    public void An_earlier_due_time_replaces_a_later_one()
    {
        _queue.AddAfter("prod/api", TimeSpan.FromSeconds(10));
        _queue.AddAfter("prod/api", TimeSpan.FromSeconds(3));
        Assert.Equal(1, _queue.Delayed);

        _clock.Advance(TimeSpan.FromSeconds(3) - _tick);
        Assert.Equal(0, _queue.Depth);
        _clock.Advance(_tick);
        Assert.Equal(1, _queue.Depth);
        Assert.Equal(0, _queue.Delayed);

        // The superseded 10 s entry fires nothing more.
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _queue.Depth);
        Assert.Equal(0, _queue.Delayed);
    }

    [Fact]
    public void A_later_due_time_does_not_postpone_an_earlier_one()
    {
        _queue.AddAfter("prod/api", TimeSpan.FromSeconds(3));
        _queue.AddAfter("prod/api", TimeSpan.FromSeconds(10));

        _clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(1, _queue.Depth);
        Assert.Equal(0, _queue.Delayed);
    }

    [Fact]
    public void A_plain_add_makes_a_delayed_key_due_now()
    {
        _queue.AddAfter("prod/api", TimeSpan.FromSeconds(30));

        _queue.Add("prod/api");

        Assert.Equal(1, _queue.Depth);
        Assert.Equal(0, _queue.Delayed);
    }

    [Fact]
    public void A_delay_for_a_key_already_queued_is_ignored()
    {
        _queue.Add("prod/api");

        _queue.AddAfter("prod/api", TimeSpan.FromSeconds(30));

        Assert.Equal(1, _queue.Depth);
        Assert.Equal(0, _queue.Delayed);
    }

    [Fact]
    public void Keys_with_different_due_times_are_queued_one_by_one_in_time_order()
    {
        _queue.AddAfter("c", TimeSpan.FromSeconds(3));
        _queue.AddAfter("a", TimeSpan.FromSeconds(1));
        _queue.AddAfter("b", TimeSpan.FromSeconds(2));
        _queue.AddAfter("a2", TimeSpan.FromSeconds(1));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((2, 2), (_queue.Depth, _queue.Delayed));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((3, 1), (_queue.Depth, _queue.Delayed));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((4, 0), (_queue.Depth, _queue.Delayed));
    }

    [Fact]
    public void A_delay_longer_than_a_timer_can_wait_still_fires_exactly()
    {
        // System.Threading.Timer waits at most about 49.7 days; the queue re-arms when the timer fires on the way.
        // Timers count whole milliseconds, so the re-arming happens at a millisecond before the due time.
        var delay = TimeSpan.FromDays(120);
        _queue.AddAfter("prod/api", delay);

        _clock.Advance(delay - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, _queue.Depth);
        _clock.Advance(TimeSpan.FromMilliseconds(1) - _tick);
        Assert.Equal(0, _queue.Depth);

        _clock.Advance(_tick);
        Assert.Equal(1, _queue.Depth);
    }

    [Fact]
    public async Task The_timer_is_armed_for_the_earliest_due_time_only()
    {
        _queue.AddAfter("a", TimeSpan.FromSeconds(10));
        _queue.AddAfter("b", TimeSpan.FromSeconds(20));
        _queue.AddAfter("c", TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(10), await _clock.WaitForTimerAsync());
        Assert.Equal(TimeSpan.FromSeconds(5), await _clock.WaitForTimerAsync());
        Assert.False(_clock.HasUnobservedTimer);
    }

    [Fact]
    public void Failures_back_off_5ms_doubling_up_to_10s()
    {
        var delays = Enumerable.Range(0, 14).Select(_ => _queue.AddRateLimited("prod/api").TotalMilliseconds).ToArray();

        Assert.Equal([5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120, 10_000, 10_000, 10_000], delays);
        Assert.Equal(14, _queue.Requeues("prod/api"));
    }

    [Fact]
    public void A_rate_limited_key_is_queued_after_its_back_off()
    {
        _queue.AddRateLimited("prod/api");

        _clock.Advance(TimeSpan.FromMilliseconds(5) - _tick);
        Assert.Equal(0, _queue.Depth);
        _clock.Advance(_tick);
        Assert.Equal(1, _queue.Depth);
    }

    [Fact]
    public void Back_off_is_per_key_and_Forget_resets_it()
    {
        _queue.AddRateLimited("prod/api");
        _queue.AddRateLimited("prod/api");
        _queue.AddRateLimited("prod/api");

        Assert.Equal(TimeSpan.FromMilliseconds(5), _queue.AddRateLimited("prod/web"));
        Assert.Equal(3, _queue.Requeues("prod/api"));

        _queue.Forget("prod/api");

        Assert.Equal(0, _queue.Requeues("prod/api"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), _queue.AddRateLimited("prod/api"));
        Assert.Equal(1, _queue.Requeues("prod/web"));
    }

    [Fact]
    public void The_back_off_limits_are_configurable()
    {
        using var queue = new WorkQueue<string>(new WorkQueueOptions
        {
            Clock = _clock,
            BaseFailureBackoff = TimeSpan.FromMilliseconds(100),
            MaxFailureBackoff = TimeSpan.FromMilliseconds(350),
        });

        var delays = Enumerable.Range(0, 4).Select(_ => queue.AddRateLimited("k").TotalMilliseconds).ToArray();

        Assert.Equal([100, 200, 350, 350], delays);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkQueue<string>(new WorkQueueOptions { BaseFailureBackoff = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkQueue<string>(new WorkQueueOptions
        {
            BaseFailureBackoff = TimeSpan.FromSeconds(2),
            MaxFailureBackoff = TimeSpan.FromSeconds(1),
        }));
    }

    [Fact]
    public void A_disposed_queue_ignores_new_keys()
    {
        _queue.AddAfter("prod/api", TimeSpan.FromSeconds(1));
        _queue.Dispose();

        _queue.Add("prod/web");
        _queue.AddAfter("prod/db", TimeSpan.FromSeconds(1));
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(0, _queue.Depth);
    }
}
