using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// The string formats a CRD schema may use and how kube-openapi checks them. apiextensions keeps only the formats in
/// its supported list (normalised without dashes, so <c>date-time</c> is <c>datetime</c>) and ignores every other one,
/// numeric formats such as int32 included: the real server does not range-check them.
/// </summary>
/// <remarks>
/// Known gap: uri, email, isbn, isbn10, isbn13, creditcard, ssn, rgbcolor, bsonobjectid and duration are recognised
/// (so the type checks behave as upstream) but every string passes their check.
/// </remarks>
internal static partial class StringFormats
{
    private static readonly HashSet<string> _supported = new(StringComparer.Ordinal)
    {
        "bsonobjectid", "uri", "email", "hostname", "ipv4", "ipv6", "cidr", "mac", "uuid", "uuid3", "uuid4", "uuid5",
        "isbn", "isbn10", "isbn13", "creditcard", "ssn", "hexcolor", "rgbcolor", "byte", "password", "date", "duration",
        "datetime",
    };

    private static readonly ConcurrentDictionary<string, string> _normalized = new(StringComparer.Ordinal);

    /// <summary>The normalised name of a format the server checks, or null for formats it ignores.</summary>
    public static string? SupportedName(string? format)
    {
        if (string.IsNullOrEmpty(format))
        {
            return null;
        }

        var normalized = _normalized.GetOrAdd(format, static f => f.Replace("-", string.Empty, StringComparison.Ordinal));
        return _supported.Contains(normalized) ? normalized : null;
    }

    public static bool IsValid(string supportedName, string value) => supportedName switch
    {
        "datetime" => IsDateTime(value),
        "date" => IsDate(value),
        "byte" => Base64Pattern().IsMatch(value),
        "uuid" => UuidPattern().IsMatch(value),
        "uuid3" => Uuid3Pattern().IsMatch(value),
        "uuid4" => Uuid4Pattern().IsMatch(value),
        "uuid5" => Uuid5Pattern().IsMatch(value),
        "ipv4" => IsIPv4(value),
        "ipv6" => IsIPv6(value),
        "cidr" => IsCidr(value),
        "hostname" => IsHostname(value),
        "mac" => IsMac(value),
        "hexcolor" => HexColorPattern().IsMatch(value),
        _ => true,
    };

    /// <summary>go-openapi's check: a full date, a 't', then hh:mm:ss with optional fraction and a zone.</summary>
    private static bool IsDateTime(string value)
    {
        if (value.Length < 4)
        {
            return false;
        }

        var parts = value.ToLowerInvariant().Split('t');
        if (parts.Length < 2 || !IsDate(parts[0]))
        {
            return false;
        }

        var match = TimePattern().Match(parts[1]);
        return match.Success &&
            string.CompareOrdinal(match.Groups[1].Value, "23") <= 0 &&
            string.CompareOrdinal(match.Groups[2].Value, "59") <= 0 &&
            string.CompareOrdinal(match.Groups[3].Value, "59") <= 0;
    }

    /// <summary>Go's time.Parse("2006-01-02"): exact widths and a day that exists in that month.</summary>
    private static bool IsDate(string value)
    {
        if (!DatePattern().IsMatch(value))
        {
            return false;
        }

        var year = int.Parse(value.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var month = int.Parse(value.AsSpan(5, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(value.AsSpan(8, 2), CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year == 0 ? 2000 : year, month);
    }

    /// <summary>Go's net.ParseIP for a dotted quad: four decimal octets without leading zeros.</summary>
    private static bool IsIPv4(string value)
    {
        var parts = value.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            foreach (var c in part)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }
            }

            if (int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIPv6(string value) =>
        value.Contains(':', StringComparison.Ordinal) && !value.Contains('%', StringComparison.Ordinal) &&
        !value.Contains('[', StringComparison.Ordinal) &&
        IPAddress.TryParse(value, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 &&
        EmbeddedIPv4IsStrict(value);

    private static bool EmbeddedIPv4IsStrict(string value)
    {
        var lastColon = value.LastIndexOf(':');
        var tail = value[(lastColon + 1)..];
        return !tail.Contains('.', StringComparison.Ordinal) || IsIPv4(tail);
    }

    private static bool IsCidr(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        var address = value[..slash];
        var prefix = value[(slash + 1)..];
        var bits = IsIPv4(address) ? 32 : IsIPv6(address) ? 128 : -1;
        if (bits < 0 || prefix.Length == 0 || prefix.Length > 3 || (prefix.Length > 1 && prefix[0] == '0'))
        {
            return false;
        }

        foreach (var c in prefix)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return int.Parse(prefix, CultureInfo.InvariantCulture) <= bits;
    }

    /// <summary>
    /// go-openapi's hostname rule: labels of letters, digits and symbols (any script) joined by dots, hyphens inside
    /// labels, a final label of at least two characters; at most 255 bytes, labels at most 63.
    /// </summary>
    private static bool IsHostname(string value)
    {
        if (value.Length == 0 || Encoding.UTF8.GetByteCount(value) > 255)
        {
            return false;
        }

        var labels = value.Split('.');
        foreach (var label in labels)
        {
            if (Encoding.UTF8.GetByteCount(label) > 63)
            {
                return false;
            }
        }

        if (labels.Length == 1)
        {
            return IsSingleLabelHost(labels[0]);
        }

        for (var i = 0; i < labels.Length - 1; i++)
        {
            if (!IsInnerLabel(labels[i]))
            {
                return false;
            }
        }

        return IsFinalLabel(labels[^1]);
    }

    private static bool IsHostChar(Rune rune) =>
        (rune.IsAscii && char.IsAsciiLetterOrDigit((char)rune.Value)) ||
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or
            UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or
            UnicodeCategory.OtherSymbol;

    /// <summary>A name without dots: one host character, then an optional hyphen and up to 62 more.</summary>
    private static bool IsSingleLabelHost(string label)
    {
        var runes = label.EnumerateRunes().ToArray();
        if (runes.Length == 0 || !IsHostChar(runes[0]))
        {
            return false;
        }

        var start = runes.Length > 1 && runes[1].Value == '-' ? 2 : 1;
        if (runes.Length - start > 62)
        {
            return false;
        }

        for (var i = start; i < runes.Length; i++)
        {
            if (!IsHostChar(runes[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A label before a dot: host characters at both ends, hyphens allowed in between.</summary>
    private static bool IsInnerLabel(string label)
    {
        var runes = label.EnumerateRunes().ToArray();
        if (runes.Length == 0 || runes.Length > 63 || !IsHostChar(runes[0]) || !IsHostChar(runes[^1]))
        {
            return false;
        }

        for (var i = 1; i < runes.Length - 1; i++)
        {
            if (runes[i].Value != '-' && !IsHostChar(runes[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The last label: a host character followed by 1 to 62 host characters, each optionally after one hyphen.</summary>
    private static bool IsFinalLabel(string label)
    {
        var runes = label.EnumerateRunes().ToArray();
        if (runes.Length < 2 || !IsHostChar(runes[0]))
        {
            return false;
        }

        var count = 0;
        var afterHyphen = false;
        for (var i = 1; i < runes.Length; i++)
        {
            if (runes[i].Value == '-')
            {
                if (afterHyphen)
                {
                    return false;
                }

                afterHyphen = true;
                continue;
            }

            if (!IsHostChar(runes[i]))
            {
                return false;
            }

            afterHyphen = false;
            count++;
        }

        return !afterHyphen && count is >= 1 and <= 62;
    }

    /// <summary>Go's net.ParseMAC: 6, 8 or 20 octets as xx:xx.., xx-xx.. or xxxx.xxxx.xxxx.</summary>
    private static bool IsMac(string value) => MacPattern().IsMatch(value) && value.Length switch
    {
        17 or 23 or 59 => true,
        14 or 19 or 49 => true,
        _ => false,
    };

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Base64Pattern();

    [GeneratedRegex(@"^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UuidPattern();

    [GeneratedRegex(@"^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Uuid3Pattern();

    [GeneratedRegex(@"^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Uuid4Pattern();

    [GeneratedRegex(@"^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Uuid5Pattern();

    [GeneratedRegex(@"^(([0-9a-fA-F]{2}:)+[0-9a-fA-F]{2}|([0-9a-fA-F]{2}-)+[0-9a-fA-F]{2}|([0-9a-fA-F]{4}\.)+[0-9a-fA-F]{4})\z", RegexOptions.CultureInvariant)]
    private static partial Regex MacPattern();

    [GeneratedRegex(@"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\z", RegexOptions.CultureInvariant)]
    private static partial Regex HexColorPattern();
}
