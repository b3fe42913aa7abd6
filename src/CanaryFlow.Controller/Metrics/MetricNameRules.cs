namespace CanaryFlow.Controller.Metrics;

/// <summary>The Prometheus data model's rules for metric and label names, checked when a metric is created.</summary>
internal static class MetricNameRules
{
    /// <summary><c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    public static void ValidateMetricName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValid(name, allowColon: true))
        {
            throw new ArgumentException($"'{name}' is not a valid Prometheus metric name: [a-zA-Z_:][a-zA-Z0-9_:]*", nameof(name));
        }
    }

    /// <summary><c>[a-zA-Z_][a-zA-Z0-9_]*</c>, not starting with <c>__</c> (reserved), distinct, none of <paramref name="reserved"/>.</summary>
    public static string[] ValidateLabelNames(IReadOnlyList<string>? labelNames, params ReadOnlySpan<string> reserved)
    {
        var names = labelNames?.ToArray() ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(labelNames));
            if (!IsValid(name, allowColon: false) || name.StartsWith("__", StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{name}' is not a valid Prometheus label name: [a-zA-Z_][a-zA-Z0-9_]*, not starting with __", nameof(labelNames));
            }

            if (reserved.Contains(name))
            {
                throw new ArgumentException($"The label name '{name}' is reserved for this metric type", nameof(labelNames));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"The label name '{name}' is given twice", nameof(labelNames));
            }
        }

        return names;
    }

    private static bool IsValid(string name, bool allowColon)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && !(allowColon && c == ':'))
            {
                return false;
            }
        }

        return true;
    }
}
