using CanaryFlow.Controller.Queue;

namespace CanaryFlow.Controller.Tests.Queue;

public sealed class FailureBackoffTests
{
    [Fact]
    public void A_long_failure_streak_stays_at_the_cap_without_overflowing()
    {
        var backoff = new FailureBackoff<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(10), StringComparer.Ordinal);

        for (var i = 0; i < 2000; i++)
        {
            Assert.InRange(backoff.NextDelay("k"), TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(10));
        }

        Assert.Equal(TimeSpan.FromSeconds(10), backoff.NextDelay("k"));
        Assert.Equal(2001, backoff.Failures("k"));
    }
}
