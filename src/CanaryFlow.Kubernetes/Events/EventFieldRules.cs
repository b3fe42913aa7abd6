namespace CanaryFlow.Kubernetes.Events;

/// <summary>
/// The events.k8s.io/v1 rules a caller's arguments can break. Checked when recording, because an event the server
/// would reject with 422 is better reported at once, with the caller's values, than retried and dropped later.
/// </summary>
internal static class EventFieldRules
{
    public const int MaxReasonLength = 128;
    public const int MaxActionLength = 128;
    public const int MaxReportingInstanceLength = 128;

    /// <summary>What is wrong with the arguments, or null when the server will accept them.</summary>
    public static string? Problem(RegardingIdentity regarding, string type, string reason, string action)
    {
        if (regarding.Name.Length == 0)
        {
            return "the regarding object has no name";
        }

        if (type is not (EventTypes.Normal or EventTypes.Warning))
        {
            return $"type must be {EventTypes.Normal} or {EventTypes.Warning}, not '{type}'";
        }

        if (reason.Length is 0 or > MaxReasonLength)
        {
            return $"reason must have 1 to {MaxReasonLength} characters";
        }

        if (action.Length is 0 or > MaxActionLength)
        {
            return $"action must have 1 to {MaxActionLength} characters";
        }

        return null;
    }
}
