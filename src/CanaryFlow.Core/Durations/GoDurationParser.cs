using System.Diagnostics.CodeAnalysis;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Core.Durations;

/// <summary>
/// Go's <c>time.ParseDuration</c> grammar, <c>[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+</c> or a lone <c>0</c>, into
/// nanoseconds, with Go's range (±2562047h47m16.854775807s). Fractions are computed exactly; Go goes through a
/// float64 there and can come out a nanosecond lower, a difference <see cref="TimeSpan"/>'s 100 ns ticks do not
/// keep anyway.
/// </summary>
internal static class GoDurationParser
{
    public const string UnitList = "ns, us, µs, ms, s, m, h";

    private const ulong _nanosecondsPerSecond = 1_000_000_000;

    // One past the largest magnitude Go accepts (time.Duration is an int64 of nanoseconds; a negative may reach
    // 2^63).
    private const ulong _limit = 1UL << 63;

    /// <param name="nanoseconds">The magnitude; the sign is returned separately so that "-0s" stays zero.</param>
    public static bool TryParse(string text, out bool negative, out ulong nanoseconds, [NotNullWhen(false)] out string? error)
    {
        negative = false;
        nanoseconds = 0;
        var rest = text.AsSpan();
        if (rest.Length > 0 && rest[0] is '-' or '+')
        {
            negative = rest[0] == '-';
            rest = rest[1..];
        }

        if (rest is "0")
        {
            error = null;
            return true;
        }

        if (rest.IsEmpty)
        {
            error = $"invalid duration {GoValueFormat.Quote(text)}: expected a number";
            return false;
        }

        while (!rest.IsEmpty)
        {
            if (!TryParseTerm(text, ref rest, out var termNanoseconds, out error))
            {
                return false;
            }

            // Compared before adding, so that the sum cannot wrap around.
            if (termNanoseconds > _limit - nanoseconds || (!negative && termNanoseconds == _limit - nanoseconds))
            {
                error = OutOfRange(text);
                return false;
            }

            nanoseconds += termNanoseconds;
        }

        error = null;
        return true;
    }

    /// <summary>Converts whole seconds, checking Go's range.</summary>
    public static bool TryFromSeconds(string text, ulong seconds, out ulong nanoseconds, [NotNullWhen(false)] out string? error)
    {
        if (seconds > (_limit - 1) / _nanosecondsPerSecond)
        {
            nanoseconds = 0;
            error = OutOfRange(text);
            return false;
        }

        nanoseconds = seconds * _nanosecondsPerSecond;
        error = null;
        return true;
    }

    // One "<number><unit>" term, such as "1.5h".
    private static bool TryParseTerm(string text, ref ReadOnlySpan<char> rest, out ulong nanoseconds, [NotNullWhen(false)] out string? error)
    {
        nanoseconds = 0;
        if (!(rest[0] == '.' || char.IsAsciiDigit(rest[0])))
        {
            error = $"invalid duration {GoValueFormat.Quote(text)}: expected a number at {GoValueFormat.Quote(rest.ToString())}";
            return false;
        }

        var integerDigits = CountDigits(rest);
        var integerText = rest[..integerDigits];
        rest = rest[integerDigits..];
        var fractionText = ReadOnlySpan<char>.Empty;
        if (!rest.IsEmpty && rest[0] == '.')
        {
            rest = rest[1..];
            var fractionDigits = CountDigits(rest);
            fractionText = rest[..fractionDigits];
            rest = rest[fractionDigits..];
        }

        if (integerText.IsEmpty && fractionText.IsEmpty)
        {
            error = $"invalid duration {GoValueFormat.Quote(text)}: a lone \".\" is not a number";
            return false;
        }

        var unitLength = 0;
        while (unitLength < rest.Length && !(rest[unitLength] == '.' || char.IsAsciiDigit(rest[unitLength])))
        {
            unitLength++;
        }

        if (unitLength == 0)
        {
            error = $"missing unit in duration {GoValueFormat.Quote(text)} (units: {UnitList})";
            return false;
        }

        var unitText = rest[..unitLength];
        rest = rest[unitLength..];
        if (!TryGetUnit(unitText, out var unit))
        {
            error = $"unknown unit {GoValueFormat.Quote(unitText.ToString())} in duration {GoValueFormat.Quote(text)} (units: {UnitList})";
            return false;
        }

        if (!TryParseInteger(integerText, out var whole) || whole > _limit / unit)
        {
            error = OutOfRange(text);
            return false;
        }

        nanoseconds = whole * unit + Fraction(fractionText, unit);
        error = null;
        return true;
    }

    private static int CountDigits(ReadOnlySpan<char> text)
    {
        var count = 0;
        while (count < text.Length && char.IsAsciiDigit(text[count]))
        {
            count++;
        }

        return count;
    }

    private static bool TryParseInteger(ReadOnlySpan<char> digits, out ulong value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            if (value > (ulong.MaxValue - 9) / 10)
            {
                return false;
            }

            value = value * 10 + (ulong)(digit - '0');
        }

        return true;
    }

    // The fraction's share of one unit, truncated to whole nanoseconds. Digits past the 19th cannot change a
    // nanosecond of an hour, so they are ignored (Go stops reading them at the same point).
    private static ulong Fraction(ReadOnlySpan<char> digits, ulong unit)
    {
        UInt128 numerator = 0;
        UInt128 scale = 1;
        foreach (var digit in digits[..Math.Min(digits.Length, 19)])
        {
            numerator = numerator * 10 + (uint)(digit - '0');
            scale *= 10;
        }

        return (ulong)(numerator * unit / scale);
    }

    private static bool TryGetUnit(ReadOnlySpan<char> unit, out ulong nanoseconds)
    {
        nanoseconds = unit switch
        {
            "ns" => 1,
            // U+00B5 MICRO SIGN and U+03BC GREEK SMALL LETTER MU, as Go accepts both.
            "us" or "\u00b5s" or "\u03bcs" => 1_000,
            "ms" => 1_000_000,
            "s" => _nanosecondsPerSecond,
            "m" => 60 * _nanosecondsPerSecond,
            "h" => 3_600 * _nanosecondsPerSecond,
            _ => 0,
        };
        return nanoseconds != 0;
    }

    private static string OutOfRange(string text) =>
        $"duration {GoValueFormat.Quote(text)} is out of range (at most 2562047h47m16.854775807s)";
}
