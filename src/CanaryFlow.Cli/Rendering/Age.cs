using System.Globalization;

namespace CanaryFlow.Cli.Rendering;

/// <summary>kubectl's AGE column: the two largest units, as in 45s, 3m12s, 5h, 2d3h.</summary>
internal static class Age
{
    public static string Of(DateTimeOffset? created, DateTimeOffset now)
    {
        if (created is not { } since)
        {
            return "<unknown>";
        }

        var age = now - since;
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age switch
        {
            { TotalMinutes: < 2 } => Format($"{(int)age.TotalSeconds}s"),
            { TotalMinutes: < 10 } => Format($"{(int)age.TotalMinutes}m{age.Seconds}s"),
            { TotalHours: < 3 } => Format($"{(int)age.TotalMinutes}m"),
            { TotalHours: < 8 } => Format($"{(int)age.TotalHours}h{age.Minutes}m"),
            { TotalDays: < 2 } => Format($"{(int)age.TotalHours}h"),
            { TotalDays: < 8 } => Format($"{(int)age.TotalDays}d{age.Hours}h"),
            _ => Format($"{(int)age.TotalDays}d"),
        };
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
