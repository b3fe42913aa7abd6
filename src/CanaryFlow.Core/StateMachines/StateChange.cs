namespace CanaryFlow.Core.StateMachines;

/// <summary>
/// The transition in progress, as entry and exit actions see it. It is not the <see cref="Transition{TState, TTrigger}"/>
/// result because that one lists the actions that ran, which is not known until they all have.
/// </summary>
public readonly record struct StateChange<TState, TTrigger>(TState Source, TTrigger Trigger, TState Destination, TransitionKind Kind)
    where TState : struct, Enum
    where TTrigger : struct, Enum;
