using CanaryFlow.Kubernetes.Events;
using Microsoft.Extensions.Time.Testing;

namespace CanaryFlow.Kubernetes.Tests.Events;

public sealed class EventSpamFilterTests
{
    private static readonly RegardingIdentity _web = new("Canary", "prod", "web", "6f0c");
    private static readonly RegardingIdentity _api = new("Canary", "prod", "api", "7a1d");
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Allows_a_burst_of_25_then_one_per_5_minutes()
    {
        var filter = NewFilter();
        for (var i = 0; i < 25; i++)
        {
            Assert.True(filter.TryAdmit(_web));
        }

        Assert.False(filter.TryAdmit(_web));
        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        Assert.False(filter.TryAdmit(_web));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(filter.TryAdmit(_web));
        Assert.False(filter.TryAdmit(_web));
    }

    [Fact]
    public void Each_object_has_its_own_bucket()
    {
        var filter = NewFilter();
        for (var i = 0; i < 25; i++)
        {
            filter.TryAdmit(_web);
        }

        Assert.False(filter.TryAdmit(_web));
        Assert.True(filter.TryAdmit(_api));
        Assert.False(filter.TryAdmit(_web with { Uid = "6f0c" }));
        Assert.True(filter.TryAdmit(_web with { Uid = "re-created" }));
    }

    [Fact]
    public void A_quiet_object_earns_back_no_more_than_the_burst()
    {
        var filter = NewFilter();
        for (var i = 0; i < 25; i++)
        {
            filter.TryAdmit(_web);
        }

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(25, Enumerable.Range(0, 40).Count(_ => filter.TryAdmit(_web)));
    }

    [Fact]
    public void A_forgotten_object_starts_with_a_full_burst()
    {
        var filter = new EventSpamFilter(burst: 1, TimeSpan.FromMinutes(5), capacity: 1, _clock);
        Assert.True(filter.TryAdmit(_web));
        Assert.False(filter.TryAdmit(_web));
        Assert.True(filter.TryAdmit(_api));
        Assert.True(filter.TryAdmit(_web));
    }

    private EventSpamFilter NewFilter() => new(burst: 25, TimeSpan.FromMinutes(5), capacity: 4096, _clock);
}
