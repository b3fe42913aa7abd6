using System.Globalization;

namespace CanaryFlow.Kubernetes.Serialization;

/// <summary>
/// The two time formats of the Kubernetes API: metav1.Time (RFC 3339, UTC, whole seconds on output) and
/// metav1.MicroTime (RFC 3339 with exactly six fractional digits, which the server insists on when parsing).
/// </summary>
public static class KubernetesTime
{
    private const string _timeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private const string _microTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString(_timeFormat, CultureInfo.InvariantCulture);

    public static string FormatMicro(DateTimeOffset time) =>
        time.UtcDateTime.ToString(_microTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses any RFC 3339 timestamp (metav1.Time accepts fractions and offsets on input).</summary>
    public static bool TryParse(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
        && text!.Contains('T', StringComparison.Ordinal);

    /// <summary>
    /// Parses a MicroTime the way the server does, with the layout <c>2006-01-02T15:04:05.000000Z07:00</c>:
    /// exactly six fractional digits, then Z or a numeric offset.
    /// </summary>
    public static bool TryParseMicro(string? text, out DateTimeOffset time)
    {
        time = default;
        if (text is null || text.Length < 27 || text[19] != '.')
        {
            return false;
        }

        for (var i = 20; i < 26; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        var zone = text[26..];
        if (zone != "Z" && !(zone.Length == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':'))
        {
            return false;
        }

        return DateTimeOffset.TryParseExact(
            text,
            zone == "Z" ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.ffffffzzz",
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out time);
    }
}
