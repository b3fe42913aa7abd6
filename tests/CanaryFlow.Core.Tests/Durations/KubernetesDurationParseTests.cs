using CanaryFlow.Core.Durations;

namespace CanaryFlow.Core.Tests.Durations;

public class KubernetesDurationParseTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("2h45m30s", 9_930_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("0.5s", 500)]
    [InlineData(".5s", 500)]
    [InlineData("1.s", 1_000)]
    [InlineData("1m30.250s", 90_250)]
    [InlineData("90m", 5_400_000)]
    [InlineData("30s5m", 330_000)]
    [InlineData("1h1h", 7_200_000)]
    [InlineData("+5m", 300_000)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("-0", 0)]
    [InlineData("-0s", 0)]
    [InlineData("30", 30_000)]
    [InlineData("+30", 30_000)]
    [InlineData("007", 7_000)]
    [InlineData("86400", 86_400_000)]
    public void Parses_go_durations_and_bare_seconds(string text, long milliseconds)
    {
        Assert.True(KubernetesDuration.TryParse(text, out var value, out var error), error);
        Assert.Null(error);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("1ns", 0)]
    [InlineData("100ns", 1)]
    [InlineData("250ns", 2)]
    [InlineData("1us", 10)]
    [InlineData("1µs", 10)]
    [InlineData("1μs", 10)]
    [InlineData("1.5us", 15)]
    [InlineData("1ms", 10_000)]
    [InlineData("0.0000001s", 1)]
    [InlineData("1.0000000000000000000000001h", 36_000_000_000)]
    public void Sub_millisecond_units_keep_whole_ticks(string text, long ticks)
    {
        Assert.Equal(TimeSpan.FromTicks(ticks), KubernetesDuration.Parse(text));
    }

    [Fact]
    public void Go_range_is_accepted_to_its_last_nanosecond()
    {
        Assert.Equal(TimeSpan.FromTicks(long.MaxValue / 100), KubernetesDuration.Parse("2562047h47m16.854775807s"));
        Assert.Equal(TimeSpan.FromTicks(long.MaxValue / 100), KubernetesDuration.Parse("9223372036854775807ns"));
        Assert.Equal(TimeSpan.FromSeconds(9_223_372_036), KubernetesDuration.Parse("9223372036"));
    }

    [Theory]
    [InlineData("", "duration is empty")]
    [InlineData(null, "duration is empty")]
    [InlineData("-5m", "duration \"-5m\" is negative; durations must be zero or more")]
    [InlineData("-30", "duration \"-30\" is negative; durations must be zero or more")]
    [InlineData("-1ns", "duration \"-1ns\" is negative; durations must be zero or more")]
    [InlineData("1d", "unknown unit \"d\" in duration \"1d\" (units: ns, us, µs, ms, s, m, h)")]
    [InlineData("5min", "unknown unit \"min\" in duration \"5min\" (units: ns, us, µs, ms, s, m, h)")]
    [InlineData("1H", "unknown unit \"H\" in duration \"1H\" (units: ns, us, µs, ms, s, m, h)")]
    [InlineData("1h 30m", "unknown unit \"h \" in duration \"1h 30m\" (units: ns, us, µs, ms, s, m, h)")]
    [InlineData("1.5", "missing unit in duration \"1.5\" (units: ns, us, µs, ms, s, m, h)")]
    [InlineData("1h30", "missing unit in duration \"1h30\" (units: ns, us, µs, ms, s, m, h)")]
    [InlineData("h", "invalid duration \"h\": expected a number at \"h\"")]
    [InlineData(" 5m", "invalid duration \" 5m\": expected a number at \" 5m\"")]
    [InlineData("-", "invalid duration \"-\": expected a number")]
    [InlineData("1h-30m", "unknown unit \"h-\" in duration \"1h-30m\" (units: ns, us, µs, ms, s, m, h)")]
    [InlineData("1h.", "invalid duration \"1h.\": a lone \".\" is not a number")]
    [InlineData("1h-", "unknown unit \"h-\" in duration \"1h-\" (units: ns, us, µs, ms, s, m, h)")]
    [InlineData(".s", "invalid duration \".s\": a lone \".\" is not a number")]
    [InlineData("2562048h", "duration \"2562048h\" is out of range (at most 2562047h47m16.854775807s)")]
    [InlineData("9223372036854775808ns", "duration \"9223372036854775808ns\" is out of range (at most 2562047h47m16.854775807s)")]
    [InlineData("2562047h47m16.854775808s", "duration \"2562047h47m16.854775808s\" is out of range (at most 2562047h47m16.854775807s)")]
    [InlineData("99999999999999999999999h", "duration \"99999999999999999999999h\" is out of range (at most 2562047h47m16.854775807s)")]
    [InlineData("9223372037", "duration \"9223372037\" is out of range (at most 2562047h47m16.854775807s)")]
    [InlineData("99999999999999999999999", "duration \"99999999999999999999999\" is out of range (at most 2562047h47m16.854775807s)")]
    [InlineData("2562047h2562047h", "duration \"2562047h2562047h\" is out of range (at most 2562047h47m16.854775807s)")]
    [InlineData("1h\n", "unknown unit \"h\\n\" in duration \"1h\\n\" (units: ns, us, µs, ms, s, m, h)")]
    public void Rejects_with_a_message_naming_the_problem(string? text, string message)
    {
        Assert.False(KubernetesDuration.TryParse(text, out var value, out var error));
        Assert.Equal(message, error);
        Assert.Equal(TimeSpan.Zero, value);
    }

    [Fact]
    public void Parse_throws_the_same_message()
    {
        var exception = Assert.Throws<FormatException>(() => KubernetesDuration.Parse("10 minutes"));

        Assert.Equal("unknown unit \" minutes\" in duration \"10 minutes\" (units: ns, us, µs, ms, s, m, h)", exception.Message);
    }
}
