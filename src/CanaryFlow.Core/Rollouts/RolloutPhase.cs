namespace CanaryFlow.Core.Rollouts;

/// <summary>The phases of <c>status.phase</c> (the states of the Rollout state machine).</summary>
public enum RolloutPhase
{
    /// <summary>The desired template is stable and fully available.</summary>
    Healthy,

    /// <summary>Executing a step: scaling, shifting traffic, waiting for availability or analysis.</summary>
    Progressing,

    /// <summary>At a pause step, paused by a user, or stopped by an inconclusive analysis.</summary>
    Paused,

    /// <summary>Aborted (traffic on stable), progress deadline exceeded, invalid spec, or Git revert failed.</summary>
    Degraded,
}

/// <summary>What happened in a reconcile that moves the state machine.</summary>
public enum RolloutTrigger
{
    /// <summary>The pod template changed (a new canary starts, or a canary in flight is superseded).</summary>
    TemplateChanged,

    /// <summary>The template went back to the stable one: fast rollback, no steps, no analysis.</summary>
    RolledBack,

    StepCompleted,

    /// <summary>A pause step, a user pause or an analysis that needs a person started holding the rollout.</summary>
    PauseStarted,

    /// <summary>The pause ended: its time ran out, or a user promoted or resumed.</summary>
    PauseEnded,

    /// <summary>Every step done and the canary fully available: it is the new stable.</summary>
    Completed,

    /// <summary>The stable template is fully available again (after scaling, a rollback or a recovery).</summary>
    BecameAvailable,

    /// <summary>Available pods dropped below what the stable needs.</summary>
    BecameUnavailable,

    Aborted,
    Retried,
    ProgressDeadlineExceeded,

    /// <summary>Progress resumed after the deadline was exceeded (without abort).</summary>
    ProgressResumed,

    SpecInvalid,
    SpecFixed,
}
