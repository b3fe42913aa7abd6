using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CanaryFlow.Kubernetes.Tests.Client;

public sealed class TokenBucketTests
{
    [Fact]
    public void A_burst_goes_through_at_once_and_the_next_request_waits_one_interval()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(qps: 5, burst: 3, clock);

        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(200), bucket.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(400), bucket.Reserve());
    }

    [Fact]
    public void Tokens_refill_with_time_but_never_above_the_burst()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(qps: 10, burst: 2, clock);
        bucket.Reserve();
        bucket.Reserve();

        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.Zero, bucket.Reserve());
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.Reserve());
    }

    [Fact]
    public async Task TakeAsync_completes_when_the_clock_reaches_the_next_token()
    {
        var clock = new TimerAwareClock();
        var bucket = new TokenBucket(qps: 1, burst: 1, clock);
        await bucket.TakeAsync(CancellationToken.None);

        var waiting = bucket.TakeAsync(CancellationToken.None).AsTask();
        Assert.Equal(TimeSpan.FromSeconds(1), await clock.WaitForTimerAsync());
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
