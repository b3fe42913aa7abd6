using System.Globalization;

namespace CanaryFlow.Core.Expressions;

/// <summary>Numbers as text, the way Prometheus writes and reads them.</summary>
internal static class NumberText
{
    private const NumberStyles _literalStyle = NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>
    /// The shortest text that reads back as the same double, with Prometheus' names for the special values
    /// (<c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>) and a lower-case exponent (<c>1e-05</c>), which the lexer reads too.
    /// </summary>
    public static string Format(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e'),
    };

    /// <summary>An unsigned literal from the lexer, already checked to be digits, a point and an exponent.</summary>
    public static double ParseLiteral(ReadOnlySpan<char> text) => double.Parse(text, _literalStyle, CultureInfo.InvariantCulture);

    /// <summary>
    /// What <c>asFloat</c> accepts: Go's <c>strconv.ParseFloat</c> forms that providers produce, i.e. a signed
    /// decimal with an optional exponent, or NaN / Inf / Infinity in any case with an optional sign. No surrounding
    /// white space, as in Go, so that a malformed provider value is noticed instead of guessed at.
    /// </summary>
    public static bool TryParse(string text, out double value)
    {
        var unsigned = text.AsSpan();
        var negative = false;
        if (unsigned.Length > 0 && unsigned[0] is '+' or '-')
        {
            negative = unsigned[0] == '-';
            unsigned = unsigned[1..];
        }

        if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (unsigned.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        // double.TryParse alone would also take "∞", thousands separators with other styles, and so on; only
        // digits, one point and an exponent get this far.
        if (unsigned.IsEmpty || !(char.IsAsciiDigit(unsigned[0]) || unsigned[0] == '.') || unsigned.ContainsAnyExcept("0123456789.eE+-"))
        {
            value = 0;
            return false;
        }

        if (!double.TryParse(unsigned, _literalStyle, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        value = negative ? -value : value;
        return true;
    }
}
