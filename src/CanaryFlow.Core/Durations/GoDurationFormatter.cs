using System.Globalization;
using System.Text;

namespace CanaryFlow.Core.Durations;

/// <summary>
/// Go's <c>time.Duration.String</c>: <c>1h30m0s</c>, <c>5m0s</c>, <c>30s</c>, <c>1.5s</c>, <c>500ms</c>,
/// <c>1.5µs</c>, <c>0s</c>. Hours are the largest unit; below one second the unit shrinks so the leading digit is
/// not zero; trailing zeros of a fraction are dropped.
/// </summary>
internal static class GoDurationFormatter
{
    private const ulong _nanosecondsPerSecond = 1_000_000_000;

    public static string Format(bool negative, UInt128 nanoseconds)
    {
        if (nanoseconds == 0)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        if (negative)
        {
            builder.Append('-');
        }

        if (nanoseconds < _nanosecondsPerSecond)
        {
            var (precision, unit) = nanoseconds < 1_000 ? (0, "ns")
                : nanoseconds < 1_000_000 ? (3, "\u00b5s")
                : (6, "ms");
            AppendWithFraction(builder, nanoseconds, precision);
            return builder.Append(unit).ToString();
        }

        var totalSeconds = nanoseconds / _nanosecondsPerSecond;
        var hours = totalSeconds / 3600;
        var minutes = totalSeconds / 60 % 60;
        if (hours > 0)
        {
            builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            builder.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        AppendWithFraction(builder, nanoseconds % (60 * _nanosecondsPerSecond), 9);
        return builder.Append('s').ToString();
    }

    // Writes value / 10^precision with the fraction's trailing zeros dropped, and no point for a whole number.
    private static void AppendWithFraction(StringBuilder builder, UInt128 value, int precision)
    {
        var scale = UInt128.One;
        for (var i = 0; i < precision; i++)
        {
            scale *= 10;
        }

        builder.Append((value / scale).ToString(CultureInfo.InvariantCulture));
        var fraction = (value % scale).ToString(CultureInfo.InvariantCulture).PadLeft(precision, '0').TrimEnd('0');
        if (fraction.Length > 0)
        {
            builder.Append('.').Append(fraction);
        }
    }
}
