namespace CanaryFlow.Core.StateMachines;

/// <summary>What firing a trigger did.</summary>
public enum TransitionKind
{
    /// <summary>Moved to another state: the source's exit actions ran, then the destination's entry actions.</summary>
    Permitted,

    /// <summary>Left and re-entered the same state: its exit actions ran, then its entry actions.</summary>
    Reentry,

    /// <summary>Stayed in the state on purpose: no action ran.</summary>
    Ignored,
}
