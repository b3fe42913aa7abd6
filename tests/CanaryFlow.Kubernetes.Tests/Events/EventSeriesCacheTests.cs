using CanaryFlow.Kubernetes.Events;

namespace CanaryFlow.Kubernetes.Tests.Events;

public sealed class EventSeriesCacheTests
{
    private static readonly DateTimeOffset _start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly EventIdentity _aborted = new(new RegardingIdentity("Canary", "prod", "web", "6f0c"), "", "Warning", "RolloutAborted", "Abort", "analysis failed");

    [Fact]
    public void A_repeat_within_the_window_continues_the_series_of_the_first_event()
    {
        var cache = new EventSeriesCache(TimeSpan.FromMinutes(6), capacity: 10);
        var first = cache.Observe(_aborted, _start);
        var second = cache.Observe(_aborted, _start.AddMinutes(5));
        var third = cache.Observe(_aborted, _start.AddMinutes(10));

        Assert.Equal(new EventOccurrence(first.Name, "prod", _start, 1, _start), first);
        Assert.False(first.IsRepeat);
        Assert.Equal(new EventOccurrence(first.Name, "prod", _start, 2, _start.AddMinutes(5)), second);
        Assert.Equal(new EventOccurrence(first.Name, "prod", _start, 3, _start.AddMinutes(10)), third);
    }

    [Fact]
    public void A_repeat_after_the_window_starts_a_new_event()
    {
        var cache = new EventSeriesCache(TimeSpan.FromMinutes(6), capacity: 10);
        var first = cache.Observe(_aborted, _start);
        var later = cache.Observe(_aborted, _start.AddMinutes(6).AddTicks(1));

        Assert.Equal(1, later.Count);
        Assert.NotEqual(first.Name, later.Name);
        Assert.Equal(_start.AddMinutes(6).AddTicks(1), later.FirstObserved);
    }

    [Theory]
    [InlineData("note")]
    [InlineData("reason")]
    [InlineData("action")]
    [InlineData("type")]
    [InlineData("uid")]
    [InlineData("fieldPath")]
    public void Any_difference_makes_another_event_even_at_the_same_instant(string field)
    {
        var cache = new EventSeriesCache(TimeSpan.FromMinutes(6), capacity: 10);
        var other = field switch
        {
            "note" => _aborted with { Note = "analysis failed twice" },
            "reason" => _aborted with { Reason = "RolloutFailed" },
            "action" => _aborted with { Action = "Rollback" },
            "type" => _aborted with { Type = "Normal" },
            "uid" => _aborted with { Regarding = _aborted.Regarding with { Uid = "re-created" } },
            _ => _aborted with { FieldPath = "spec.analysis" },
        };

        var first = cache.Observe(_aborted, _start);
        var second = cache.Observe(other, _start);

        Assert.Equal(1, second.Count);
        Assert.NotEqual(first.Name, second.Name);
    }

    [Fact]
    public void The_least_recently_seen_event_is_forgotten_when_full()
    {
        var cache = new EventSeriesCache(TimeSpan.FromMinutes(6), capacity: 2);
        var updated = _aborted with { Reason = "RolloutUpdated" };
        var promoted = _aborted with { Reason = "RolloutPromoted" };
        cache.Observe(_aborted, _start);
        cache.Observe(updated, _start);
        cache.Observe(_aborted, _start);
        cache.Observe(promoted, _start);

        Assert.Equal(3, cache.Observe(_aborted, _start).Count);
        Assert.Equal(1, cache.Observe(updated, _start).Count);
    }

    [Fact]
    public void Events_about_cluster_scoped_objects_live_in_default()
    {
        var cache = new EventSeriesCache(TimeSpan.FromMinutes(6), capacity: 10);
        var occurrence = cache.Observe(_aborted with { Regarding = new RegardingIdentity("Namespace", "", "prod", "1b2c") }, _start);
        Assert.Equal("default", occurrence.Namespace);
        Assert.StartsWith("prod.", occurrence.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void LastObservedTime_does_not_go_back_when_the_clock_does()
    {
        var cache = new EventSeriesCache(TimeSpan.FromMinutes(6), capacity: 10);
        cache.Observe(_aborted, _start);
        var repeat = cache.Observe(_aborted, _start.AddSeconds(-30));
        Assert.Equal((2, _start), (repeat.Count, repeat.LastObserved));
    }
}
