namespace CanaryFlow.Controller.Queue;

/// <summary>The outcome of one reconcile of one key; <c>default</c> is <see cref="Done"/>.</summary>
public readonly record struct ReconcileResult
{
    private ReconcileResult(ReconcileOutcome outcome, TimeSpan? requeueDelay, DateTimeOffset? requeueTime, string? failureReason)
    {
        Outcome = outcome;
        RequeueDelay = requeueDelay;
        RequeueTime = requeueTime;
        FailureReason = failureReason;
    }

    public static ReconcileResult Done => default;

    public ReconcileOutcome Outcome { get; }

    /// <summary>Set by <see cref="RequeueAfter"/>: the delay counts from when the reconcile returns.</summary>
    public TimeSpan? RequeueDelay { get; }

    /// <summary>Set by <see cref="RequeueAt"/>.</summary>
    public DateTimeOffset? RequeueTime { get; }

    /// <summary>Set by <see cref="Failed"/>: logged with the retry delay.</summary>
    public string? FailureReason { get; }

    /// <summary>Runs the key again after <paramref name="delay"/>; zero or less means at once.</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay) => new(ReconcileOutcome.Requeue, delay, null, null);

    /// <summary>Runs the key again at <paramref name="dueTime"/> on the queue's clock; a time already past means at once.</summary>
    public static ReconcileResult RequeueAt(DateTimeOffset dueTime) => new(ReconcileOutcome.Requeue, null, dueTime, null);

    public static ReconcileResult Failed(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return new(ReconcileOutcome.Failed, null, null, reason);
    }

    /// <summary>When a <see cref="ReconcileOutcome.Requeue"/> is due, given the time the reconcile returned.</summary>
    internal DateTimeOffset DueTime(DateTimeOffset now) => RequeueTime ?? now + (RequeueDelay ?? TimeSpan.Zero);
}
