using CanaryFlow.Kubernetes.LeaderElection;
using Microsoft.Extensions.Time.Testing;

namespace CanaryFlow.Kubernetes.Tests.LeaderElection;

/// <summary>The validity rule on a fake clock: only local observation of a change counts, never the holder's timestamps.</summary>
public sealed class LeaseObservationTests
{
    private static readonly DateTimeOffset _longAgo = new(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_lease_renewed_long_ago_by_the_holder_s_clock_is_valid_for_its_duration_from_when_it_changed_here()
    {
        var observation = new LeaseObservation(_clock);
        observation.Observe(Record("other", renewTime: _longAgo));
        Assert.True(observation.IsValid);

        _clock.Advance(TimeSpan.FromSeconds(14.9));
        Assert.True(observation.IsValid);

        // The holder renews with a clock still decades behind ours: the change alone makes the lease fresh again.
        observation.Observe(Record("other", renewTime: _longAgo.AddSeconds(2)));
        _clock.Advance(TimeSpan.FromSeconds(14.9));
        Assert.True(observation.IsValid);

        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.False(observation.IsValid);
    }

    [Fact]
    public void Reading_the_same_content_again_does_not_extend_the_lease()
    {
        var observation = new LeaseObservation(_clock);
        var farFuture = new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);
        observation.Observe(Record("other", renewTime: farFuture));

        _clock.Advance(TimeSpan.FromSeconds(10));
        observation.Observe(Record("other", renewTime: farFuture));
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.False(observation.IsValid);
        Assert.Equal("other", observation.HolderIdentity);
    }

    [Fact]
    public void The_record_s_own_duration_decides_not_the_observer_s()
    {
        var observation = new LeaseObservation(_clock);
        observation.Observe(Record("other", renewTime: _longAgo, durationSeconds: 40));

        _clock.Advance(TimeSpan.FromSeconds(39));
        Assert.True(observation.IsValid);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(observation.IsValid);
    }

    [Fact]
    public void A_lease_without_a_duration_is_never_valid()
    {
        var observation = new LeaseObservation(_clock);
        Assert.False(observation.IsValid);

        observation.Observe(Record("other", renewTime: _longAgo, durationSeconds: 0));
        Assert.False(observation.IsValid);
    }

    [Fact]
    public void An_own_write_counts_from_the_time_before_the_request()
    {
        var observation = new LeaseObservation(_clock);
        var before = _clock.GetTimestamp();
        _clock.Advance(TimeSpan.FromSeconds(3));
        observation.Wrote(Record("me", renewTime: _clock.GetUtcNow()), before);

        Assert.True(observation.IsHeldBy("me"));
        _clock.Advance(TimeSpan.FromSeconds(11.9));
        Assert.True(observation.IsValid);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.False(observation.IsValid);
    }

    [Fact]
    public void A_released_lease_is_held_by_nobody()
    {
        var observation = new LeaseObservation(_clock);
        observation.Observe(Record("", renewTime: _longAgo, durationSeconds: 1));

        Assert.Equal("", observation.HolderIdentity);
        Assert.False(observation.IsHeldBy(""));
    }

    private static LeaderElectionRecord Record(string holder, DateTimeOffset renewTime, int durationSeconds = 15) =>
        new(holder, durationSeconds, _longAgo, renewTime, 3);
}
