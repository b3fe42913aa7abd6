using System.Text.RegularExpressions;

namespace CanaryFlow.Core.Git;

/// <summary>Why the canary was aborted, for the revert commit's message: the failed metric, its value and the condition it failed.</summary>
public sealed partial record RevertReason(string? Metric, string? Value, string? Condition, string? Message = null)
{
    public static RevertReason Manual { get; } = new(null, null, null, "aborted by a user");

    /// <summary>
    /// The reason from status.abortReason: for a failed analysis it names the metric, the value and the condition (as the
    /// analysis wrote them), which the commit message then spells out; any other reason is kept as it is.
    /// </summary>
    public static RevertReason FromAbortReason(string abortReason)
    {
        ArgumentNullException.ThrowIfNull(abortReason);
        var match = FailedMetric().Match(abortReason);
        if (!match.Success)
        {
            return new RevertReason(null, null, null, abortReason);
        }

        // What surrounds the metric (which run, how many failures against which limit) stays as the detail; the metric,
        // value and condition are spelled out on their own.
        var before = abortReason[..match.Index].TrimEnd(' ', ':');
        var after = abortReason[(match.Index + match.Length)..].TrimStart(' ', ';');
        var detail = string.Join("; ", new[] { before, after }.Where(part => part.Length > 0));
        return new RevertReason(match.Groups["metric"].Value, match.Groups["value"].Value, match.Groups["condition"].Value, detail.Length == 0 ? null : detail);
    }

    /// <summary>One sentence a reviewer of the config repo understands without the cluster.</summary>
    public string Describe()
    {
        if (Metric is null)
        {
            return Message is null ? "The canary was aborted."
                : Message.StartsWith("aborted", StringComparison.Ordinal) ? $"The canary was {Message.TrimEnd('.')}."
                : $"The canary was aborted: {Message.TrimEnd('.')}.";
        }

        var measured = Value is null ? "" : $" measured {Value}";
        var against = Condition is null ? "" : $" against {Condition}";
        var detail = Message is null ? "" : $" ({Message.TrimEnd('.')})";
        return $"Analysis metric {Metric} failed:{measured}{against}{detail}.";
    }

    // As AnalysisRunDecider words a failed metric: "metric <name>: <value> (<successCondition|failureCondition> ... is <bool>)".
    [GeneratedRegex(@"metric (?<metric>[^:\s]+): (?<value>.*?) \((?<condition>(?:success|failure)Condition .*? is (?:true|false))\)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex FailedMetric();
}
