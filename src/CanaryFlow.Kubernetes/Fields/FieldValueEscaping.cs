using System.Globalization;
using System.Text;

namespace CanaryFlow.Kubernetes.Fields;

/// <summary>
/// The backslash escaping of field selector values: <c>\</c>, <c>,</c> and <c>=</c> are written <c>\\</c>,
/// <c>\,</c> and <c>\=</c> so a value can hold them without ending the term.
/// </summary>
internal static class FieldValueEscaping
{
    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("=", "\\=", StringComparison.Ordinal);

    /// <exception cref="FieldSelectorParseException">For an unknown escape, a trailing backslash or a bare '='.</exception>
    public static string Unescape(string escaped)
    {
        var builder = new StringBuilder(escaped.Length);
        var afterBackslash = false;
        foreach (var rune in escaped.EnumerateRunes())
        {
            if (afterBackslash)
            {
                if (rune.Value is not ('\\' or ',' or '='))
                {
                    throw new FieldSelectorParseException("invalid field selector: invalid escape sequence: \\" + rune);
                }

                builder.Append(rune.ToString());
                afterBackslash = false;
            }
            else if (rune.Value == '\\')
            {
                afterBackslash = true;
            }
            else if (rune.Value is ',' or '=')
            {
                // apimachinery prints the offending rune with %v, i.e. as its number.
                throw new FieldSelectorParseException(
                    "invalid field selector: unescaped character in value: " + rune.Value.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        if (afterBackslash)
        {
            throw new FieldSelectorParseException("invalid field selector: invalid escape sequence: \\");
        }

        return builder.ToString();
    }
}
