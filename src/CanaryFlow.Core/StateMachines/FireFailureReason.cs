namespace CanaryFlow.Core.StateMachines;

/// <summary>Why a trigger could not be fired.</summary>
public enum FireFailureReason
{
    /// <summary>The current state was never configured (for example a value read from a status the machine does not know).</summary>
    StateNotConfigured,

    /// <summary>The state has no behaviour at all for the trigger.</summary>
    TriggerNotConfigured,

    /// <summary>The state has only guarded behaviours for the trigger and none of their guards passed.</summary>
    NoGuardPassed,
}
