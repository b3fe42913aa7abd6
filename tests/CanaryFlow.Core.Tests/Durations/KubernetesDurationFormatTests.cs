using CanaryFlow.Core.Durations;

namespace CanaryFlow.Core.Tests.Durations;

public class KubernetesDurationFormatTests
{
    // Expected values are what Go's time.Duration.String prints for the same durations.
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(1, "100ns")]
    [InlineData(15, "1.5µs")]
    [InlineData(10_000, "1ms")]
    [InlineData(5_000_000, "500ms")]
    [InlineData(12_345_678, "1.2345678s")]
    [InlineData(10_000_000, "1s")]
    [InlineData(15_000_000, "1.5s")]
    [InlineData(300_000_000, "30s")]
    [InlineData(600_000_000, "1m0s")]
    [InlineData(3_000_000_000, "5m0s")]
    [InlineData(36_000_000_000, "1h0m0s")]
    [InlineData(54_000_000_000, "1h30m0s")]
    [InlineData(99_300_000_000, "2h45m30s")]
    [InlineData(99_300_005_000, "2h45m30.0005s")]
    [InlineData(864_000_000_000, "24h0m0s")]
    [InlineData(-54_000_000_000, "-1h30m0s")]
    [InlineData(-5_000_000, "-500ms")]
    public void Formats_as_go_does(long ticks, string expected)
    {
        Assert.Equal(expected, KubernetesDuration.Format(TimeSpan.FromTicks(ticks)));
    }

    [Fact]
    public void Formats_the_extremes_of_time_span()
    {
        Assert.Equal("256204778h48m5.4775807s", KubernetesDuration.Format(TimeSpan.MaxValue));
        Assert.Equal("-256204778h48m5.4775808s", KubernetesDuration.Format(TimeSpan.MinValue));
    }

    [Theory]
    [InlineData("1h30m0s")]
    [InlineData("5m0s")]
    [InlineData("30s")]
    [InlineData("500ms")]
    [InlineData("1.5µs")]
    [InlineData("2h45m30.25s")]
    [InlineData("2562047h47m16.8547758s")]
    [InlineData("0s")]
    public void Canonical_text_round_trips(string text)
    {
        Assert.Equal(text, KubernetesDuration.Format(KubernetesDuration.Parse(text)));
    }

    [Theory]
    [InlineData("90m", "1h30m0s")]
    [InlineData("1.5h", "1h30m0s")]
    [InlineData("30", "30s")]
    [InlineData("3600", "1h0m0s")]
    [InlineData("0.5s", "500ms")]
    [InlineData("1500us", "1.5ms")]
    public void Other_spellings_format_canonically(string text, string canonical)
    {
        Assert.Equal(canonical, KubernetesDuration.Format(KubernetesDuration.Parse(text)));
    }
}
