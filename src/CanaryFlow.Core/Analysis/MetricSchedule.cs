using System.Globalization;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Durations;

namespace CanaryFlow.Core.Analysis;

/// <summary>A metric's timing, resolved and checked: when to measure first, how often, how many times.</summary>
public sealed record MetricSchedule(TimeSpan InitialDelay, TimeSpan? Interval, int? Count)
{
    /// <summary>An errored measurement is retried this long after it finished.</summary>
    public static readonly TimeSpan ErrorRetry = TimeSpan.FromSeconds(10);

    /// <summary>The schedule, or the problem naming the field.</summary>
    public static bool TryResolve(Metric metric, out MetricSchedule schedule, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(metric);
        schedule = new MetricSchedule(TimeSpan.Zero, null, 1);
        TimeSpan? interval = null;
        var delay = TimeSpan.Zero;
        if (metric.Interval is { } intervalText)
        {
            if (!KubernetesDuration.TryParse(intervalText, out var parsed, out var error) || parsed <= TimeSpan.Zero)
            {
                problem = $"metric {metric.Name}: interval: {error ?? "must be greater than 0"}";
                return false;
            }

            interval = parsed;
        }

        if (metric.InitialDelay is { } delayText && !KubernetesDuration.TryParse(delayText, out delay, out var delayError))
        {
            problem = $"metric {metric.Name}: initialDelay: {delayError}";
            return false;
        }

        int? count = interval is null ? 1 : null;
        if (metric.Count is { } countValue)
        {
            if (!countValue.IsString)
            {
                count = countValue.IntValue;
            }
            else if (int.TryParse(countValue.StringValue, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedCount))
            {
                count = parsedCount;
            }
            else
            {
                problem = $"metric {metric.Name}: count: \"{countValue.StringValue}\" is not a number (arguments are not resolved in count)";
                return false;
            }

            if (count < 1)
            {
                problem = $"metric {metric.Name}: count must be at least 1";
                return false;
            }

            if (count > 1 && interval is null)
            {
                problem = $"metric {metric.Name}: count {count} needs an interval";
                return false;
            }
        }

        schedule = new MetricSchedule(delay, interval, count);
        problem = null;
        return true;
    }
}
