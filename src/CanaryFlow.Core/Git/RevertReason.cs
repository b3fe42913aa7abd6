namespace CanaryFlow.Core.Git;

/// <summary>Why the canary was aborted, for the revert commit's message: the failed metric, its value and the condition it failed.</summary>
public sealed record RevertReason(string? Metric, string? Value, string? Condition, string? Message = null)
{
    public static RevertReason Manual { get; } = new(null, null, null, "aborted by a user");

    /// <summary>One sentence a reviewer of the config repo understands without the cluster.</summary>
    public string Describe()
    {
        if (Metric is null)
        {
            return Message is null ? "The canary was aborted." : $"The canary was {Message.TrimEnd('.')}.";
        }

        var measured = Value is null ? "" : $" measured {Value}";
        var against = Condition is null ? "" : $" against {Condition}";
        var detail = Message is null ? "" : $" ({Message.TrimEnd('.')})";
        return $"Analysis metric {Metric} failed:{measured}{against}{detail}.";
    }
}
