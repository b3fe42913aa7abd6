using System.Globalization;
using System.Numerics;
using System.Text;

namespace CanaryFlow.Core.Hashing;

/// <summary>
/// Writes a JSON number by its exact decimal value, so that every spelling of one value (<c>3</c>, <c>3.0</c>,
/// <c>3e0</c>, <c>30e-1</c>, <c>-0</c> and <c>0</c>) gives the same text. The digits are laid out as ECMAScript's
/// <c>Number.prototype.toString</c> (and so RFC 8785) lays them out, but from the decimal digits themselves, never
/// through a double: a double would silently merge distinct values such as 0.1 and 0.10000000000000001, and the
/// result would depend on a runtime's float formatting.
/// </summary>
internal static class CanonicalJsonNumber
{
    // ECMAScript switches to exponent notation beyond 21 integer digits and below 1e-6.
    private const int _maxPlainIntegerDigits = 21;
    private const int _minPlainExponent = -6;

    /// <param name="text">A number in JSON's grammar.</param>
    /// <exception cref="FormatException">The text is not a JSON number.</exception>
    public static void Append(StringBuilder builder, string text)
    {
        var (negative, digits, exponent) = Decompose(text);
        if (digits.Length == 0)
        {
            builder.Append('0');
            return;
        }

        if (negative)
        {
            builder.Append('-');
        }

        // The value is 0.<digits> x 10^pointPosition.
        var pointPosition = digits.Length + exponent;
        if (pointPosition >= digits.Length && pointPosition <= _maxPlainIntegerDigits)
        {
            builder.Append(digits).Append('0', (int)(pointPosition - digits.Length));
        }
        else if (pointPosition > 0 && pointPosition <= _maxPlainIntegerDigits)
        {
            var split = (int)pointPosition;
            builder.Append(digits, 0, split).Append('.').Append(digits, split, digits.Length - split);
        }
        else if (pointPosition > _minPlainExponent && pointPosition <= 0)
        {
            builder.Append("0.").Append('0', (int)-pointPosition).Append(digits);
        }
        else
        {
            builder.Append(digits[0]);
            if (digits.Length > 1)
            {
                builder.Append('.').Append(digits, 1, digits.Length - 1);
            }

            var power = pointPosition - 1;
            builder.Append('e').Append(power.Sign < 0 ? '-' : '+').Append(BigInteger.Abs(power).ToString(CultureInfo.InvariantCulture));
        }
    }

    // Splits the text into sign, significant digits without leading or trailing zeros, and a power of ten, so that
    // the value is digits x 10^exponent. Zero has no digits.
    private static (bool Negative, string Digits, BigInteger Exponent) Decompose(string text)
    {
        var position = 0;
        var negative = position < text.Length && text[position] == '-';
        if (negative)
        {
            position++;
        }

        var integerStart = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        var integerPart = text[integerStart..position];
        if (integerPart.Length == 0 || (integerPart.Length > 1 && integerPart[0] == '0'))
        {
            throw NotANumber(text);
        }

        var fractionPart = string.Empty;
        if (position < text.Length && text[position] == '.')
        {
            var fractionStart = ++position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            fractionPart = text[fractionStart..position];
            if (fractionPart.Length == 0)
            {
                throw NotANumber(text);
            }
        }

        var exponent = BigInteger.Zero;
        if (position < text.Length && (text[position] is 'e' or 'E'))
        {
            position++;
            var exponentNegative = false;
            if (position < text.Length && (text[position] is '+' or '-'))
            {
                exponentNegative = text[position] == '-';
                position++;
            }

            var exponentStart = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            if (position == exponentStart)
            {
                throw NotANumber(text);
            }

            exponent = BigInteger.Parse(text.AsSpan(exponentStart, position - exponentStart), CultureInfo.InvariantCulture);
            if (exponentNegative)
            {
                exponent = -exponent;
            }
        }

        if (position != text.Length)
        {
            throw NotANumber(text);
        }

        var allDigits = (integerPart + fractionPart).TrimStart('0');
        exponent -= fractionPart.Length;
        var significant = allDigits.TrimEnd('0');
        exponent += allDigits.Length - significant.Length;
        return (negative && significant.Length > 0, significant, exponent);
    }

    private static FormatException NotANumber(string text) => new($"\"{text}\" is not a JSON number");
}
