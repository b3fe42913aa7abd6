namespace CanaryFlow.Core.StateMachines;

/// <summary>
/// One declared behaviour of a state, for diagrams and documentation. <see cref="IsFallback"/> marks an unguarded
/// behaviour that follows guarded ones for the same trigger: it applies only when all their guards fail.
/// </summary>
public sealed record TransitionDescription<TState, TTrigger>(
    TState Source,
    TTrigger Trigger,
    TransitionKind Kind,
    TState Destination,
    string? Guard,
    bool IsFallback)
    where TState : struct, Enum
    where TTrigger : struct, Enum;
