using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Core.Durations;

/// <summary>
/// Durations as Rollouts and analysis templates write them: <c>pause.duration</c>, metric <c>interval</c>,
/// <c>initialDelay</c> and the like.
/// <para>
/// Accepted: Go's <c>time.ParseDuration</c> syntax (<c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>500ms</c>,
/// <c>1.5h</c>, <c>2h45m30s</c>; units ns, us/µs, ms, s, m, h), and a whole number of seconds written as a bare
/// digit string (<c>"30"</c>) or as a JSON number (<c>30</c>), which is what Argo Rollouts accepts for
/// <c>pause.duration</c>. Refused, with a message that names the problem: empty text, negative durations (a
/// pause cannot run backwards), missing or unknown units (<c>1.5</c>, <c>1d</c>), anything past Go's range.
/// </para>
/// <para>
/// Go durations count nanoseconds and <see cref="TimeSpan"/> counts 100 ns ticks: a finer remainder is dropped
/// (<c>150ns</c> reads as 100 ns). Nothing the controller waits for is that short.
/// </para>
/// </summary>
public static class KubernetesDuration
{
    /// <summary>Parses the text form; <c>"30"</c> is 30 seconds.</summary>
    public static bool TryParse(string? text, out TimeSpan value, [NotNullWhen(false)] out string? error)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            error = "duration is empty";
            return false;
        }

        bool negative;
        ulong nanoseconds;
        if (IsBareSeconds(text, out negative, out var seconds))
        {
            if (!GoDurationParser.TryFromSeconds(text, seconds, out nanoseconds, out error))
            {
                return false;
            }
        }
        else if (!GoDurationParser.TryParse(text, out negative, out nanoseconds, out error))
        {
            return false;
        }

        if (negative && nanoseconds > 0)
        {
            error = $"duration {GoValueFormat.Quote(text)} is negative; durations must be zero or more";
            return false;
        }

        value = TimeSpan.FromTicks((long)(nanoseconds / TimeSpan.NanosecondsPerTick));
        error = null;
        return true;
    }

    /// <summary>Parses a field typed int-or-string: a number is whole seconds, a string is parsed as text.</summary>
    public static bool TryParse(IntOrString duration, out TimeSpan value, [NotNullWhen(false)] out string? error)
    {
        if (duration.IsString)
        {
            return TryParse(duration.StringValue, out value, out error);
        }

        return TryFromSeconds(duration.IntValue, out value, out error);
    }

    /// <summary>
    /// Reads the duration from a JSON value as found in an unstructured object: a string, or a number of whole
    /// seconds (<c>30</c> or <c>30.0</c>; <c>1.5</c> is refused, write <c>"1.5s"</c>).
    /// </summary>
    public static bool TryRead(JsonNode? node, out TimeSpan value, [NotNullWhen(false)] out string? error)
    {
        value = TimeSpan.Zero;
        switch (node?.GetValueKind())
        {
            case JsonValueKind.String:
                return TryParse(node.GetValue<string>(), out value, out error);
            case JsonValueKind.Number:
                var text = node.ToJsonString();
                if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    || number != decimal.Truncate(number) || number > int.MaxValue || number < int.MinValue)
                {
                    error = $"duration {text} must be a whole number of seconds (or a string such as \"1.5s\")";
                    return false;
                }

                return TryFromSeconds((int)number, out value, out error);
            case null or JsonValueKind.Null:
                error = "duration is missing";
                return false;
            default:
                error = $"duration must be a string such as \"30s\" or a whole number of seconds, not {node.GetValueKind().ToString().ToLowerInvariant()}";
                return false;
        }
    }

    /// <exception cref="FormatException">The text is not a duration; the message says why.</exception>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Go's <c>time.Duration.String</c> form: <c>1h30m0s</c>, <c>5m0s</c>, <c>500ms</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        var ticks = (Int128)value.Ticks;
        var magnitude = (UInt128)Int128.Abs(ticks) * TimeSpan.NanosecondsPerTick;
        return GoDurationFormatter.Format(ticks < 0, magnitude);
    }

    private static bool TryFromSeconds(int seconds, out TimeSpan value, [NotNullWhen(false)] out string? error)
    {
        if (seconds < 0)
        {
            value = TimeSpan.Zero;
            error = $"duration {seconds} is negative; durations must be zero or more";
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        error = null;
        return true;
    }

    // "30", "+30" or "-30": digits only after an optional sign, which Go's grammar would refuse for a missing unit.
    private static bool IsBareSeconds(string text, out bool negative, out ulong seconds)
    {
        negative = text[0] == '-';
        var digits = text.AsSpan(text[0] is '-' or '+' ? 1 : 0);
        seconds = 0;
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        // Too many digits for a ulong is out of range anyway; saturate so the range check reports it.
        seconds = ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : ulong.MaxValue;
        return true;
    }
}
