using System.Globalization;
using CanaryFlow.Core.Replicas;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Core.Tests.Replicas;

public class RollingUpdateLimitsTests
{
    [Theory]
    [InlineData("25%", 10, true, 3)]
    [InlineData("25%", 10, false, 2)]
    [InlineData("25%", 4, true, 1)]
    [InlineData("25%", 4, false, 1)]
    [InlineData("25%", 1, true, 1)]
    [InlineData("25%", 1, false, 0)]
    [InlineData("25%", 0, true, 0)]
    [InlineData("0%", 10, true, 0)]
    [InlineData("100%", 7, false, 7)]
    [InlineData("150%", 2, true, 3)]
    [InlineData("33%", 10, true, 4)]
    [InlineData("33%", 10, false, 3)]
    [InlineData("+10%", 10, true, 1)]
    public void Percentages_scale_like_kubernetes(string percent, int total, bool roundUp, int expected)
    {
        Assert.True(IntOrPercent.TryGetScaledValue(percent, total, roundUp, out var scaled, out var error), error);
        Assert.Equal(expected, scaled);
    }

    [Fact]
    public void Numbers_are_taken_as_they_are()
    {
        Assert.True(IntOrPercent.TryGetScaledValue(3, 100, roundUp: false, out var scaled, out _));
        Assert.Equal(3, scaled);
    }

    [Theory]
    [InlineData(null, null, 4, 1, 1)]
    [InlineData(null, null, 5, 2, 1)]
    [InlineData(null, null, 10, 3, 2)]
    [InlineData(null, null, 1, 1, 0)]
    [InlineData(null, null, 0, 0, 1)]
    [InlineData("0", "1", 5, 0, 1)]
    [InlineData("1", "0", 5, 1, 0)]
    [InlineData("0", "0", 5, 0, 1)]
    [InlineData("0%", "10%", 5, 0, 1)]
    [InlineData("0", "25%", 3, 0, 1)]
    [InlineData("10%", "0", 5, 1, 0)]
    [InlineData("3", "50%", 9, 3, 4)]
    public void Fenceposts_resolve_with_defaults_and_the_zero_rule(string? maxSurge, string? maxUnavailable, int replicas, int surge, int unavailable)
    {
        Assert.True(RollingUpdateLimits.TryResolve(Parse(maxSurge), Parse(maxUnavailable), replicas, out var limits, out var error), error);
        Assert.Equal(new RollingUpdateLimits(surge, unavailable), limits);
    }

    [Theory]
    [InlineData("abc", "1", "maxSurge: invalid value \"abc\": must be a whole number or a percentage such as \"25%\"")]
    [InlineData("2.5%", "1", "maxSurge: invalid value \"2.5%\": the percentage must be a whole number such as \"25%\"")]
    [InlineData("%", "1", "maxSurge: invalid value \"%\": the percentage must be a whole number such as \"25%\"")]
    [InlineData("-1", "1", "maxSurge: invalid value -1: must not be negative")]
    [InlineData("1", "-10%", "maxUnavailable: invalid value \"-10%\": must not be negative")]
    [InlineData("1", "120%", "maxUnavailable: invalid value \"120%\": must not be greater than 100%")]
    [InlineData("1", "25 %", "maxUnavailable: invalid value \"25 %\": the percentage must be a whole number such as \"25%\"")]
    public void Unusable_values_name_the_field(string maxSurge, string maxUnavailable, string message)
    {
        Assert.False(RollingUpdateLimits.TryResolve(Parse(maxSurge), Parse(maxUnavailable), 4, out _, out var error));
        Assert.Equal(message, error);
    }

    // "3" is the number 3 and "3%" the string, as they arrive from YAML.
    private static IntOrString? Parse(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? IntOrString.FromInt32(number)
            : IntOrString.FromString(value);
    }
}
