namespace CanaryFlow.Controller.Queue;

/// <summary>What a reconcile asks the work queue to do with its key next.</summary>
public enum ReconcileOutcome
{
    /// <summary>Nothing until the next change: the key's failure back-off is forgotten.</summary>
    Done,

    /// <summary>Run again at a given time (the end of a timed pause, the next analysis measurement).</summary>
    Requeue,

    /// <summary>Run again after the key's failure back-off, which grows with each consecutive failure.</summary>
    Failed,
}
