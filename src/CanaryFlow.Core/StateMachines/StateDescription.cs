namespace CanaryFlow.Core.StateMachines;

/// <summary>A configured state with the descriptions of its actions and its behaviours, in declaration order.</summary>
public sealed class StateDescription<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    internal StateDescription(
        TState state,
        IReadOnlyList<string> entryActions,
        IReadOnlyList<string> exitActions,
        IReadOnlyList<TransitionDescription<TState, TTrigger>> transitions)
    {
        State = state;
        EntryActions = entryActions;
        ExitActions = exitActions;
        Transitions = transitions;
    }

    public TState State { get; }

    public IReadOnlyList<string> EntryActions { get; }

    public IReadOnlyList<string> ExitActions { get; }

    /// <summary>Every Permit, PermitReentry and Ignore of the state, guarded or not.</summary>
    public IReadOnlyList<TransitionDescription<TState, TTrigger>> Transitions { get; }
}
