using System.Globalization;

namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>How Prometheus writes numbers, timestamps and durations on the wire, both ways.</summary>
internal static class PrometheusWireFormat
{
    /// <summary>
    /// A sample value string: Go's shortest round-trip float (<c>"0.5"</c>, <c>"1e-07"</c>, <c>"1.5e+21"</c>) or one of
    /// <c>"NaN"</c>, <c>"+Inf"</c>, <c>"-Inf"</c>, which .NET's parser does not all accept, so they are mapped explicitly.
    /// </summary>
    public static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "NaN":
                value = double.NaN;
                return true;
            case "+Inf" or "Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        }
    }

    /// <summary>Unix seconds with up to three decimals (as a decimal, so <c>.781</c> stays exact) to an instant.</summary>
    public static bool TryParseTimestamp(decimal unixSeconds, out DateTimeOffset timestamp)
    {
        var milliseconds = decimal.Round(unixSeconds * 1000m, MidpointRounding.AwayFromZero);
        if (milliseconds < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            timestamp = default;
            return false;
        }

        timestamp = DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
        return true;
    }

    /// <summary>The <c>time</c> parameter: Unix seconds with millisecond decimals, e.g. <c>1435781451.781</c>.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000m).ToString(CultureInfo.InvariantCulture);

    /// <summary>The <c>timeout</c> parameter: float seconds, rounded up to a whole millisecond (never 0, which means "no timeout").</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        var milliseconds = Math.Max(1, (long)Math.Ceiling(duration.TotalMilliseconds));
        return (milliseconds / 1000m).ToString(CultureInfo.InvariantCulture);
    }
}
