namespace CanaryFlow.Core.StateMachines;

/// <summary>The configuration of a built machine as data, in configuration order, for diagrams and documentation.</summary>
public sealed class StateMachineDescription<TState, TTrigger>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    internal StateMachineDescription(TState? initialState, IReadOnlyList<StateDescription<TState, TTrigger>> states)
    {
        InitialState = initialState;
        States = states;
        Transitions = states.SelectMany(state => state.Transitions).ToArray().AsReadOnly();
    }

    public TState? InitialState { get; }

    public IReadOnlyList<StateDescription<TState, TTrigger>> States { get; }

    /// <summary>The transitions of all states, state by state.</summary>
    public IReadOnlyList<TransitionDescription<TState, TTrigger>> Transitions { get; }
}
