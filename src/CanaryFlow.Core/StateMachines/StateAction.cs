namespace CanaryFlow.Core.StateMachines;

/// <summary>An entry or exit action with the description that the diagram and the transition result show.</summary>
internal sealed record StateAction<TState, TTrigger, TContext>(Action<TContext, StateChange<TState, TTrigger>> Run, string Description)
    where TState : struct, Enum
    where TTrigger : struct, Enum;
