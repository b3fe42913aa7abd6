namespace CanaryFlow.Core.StateMachines;

/// <summary>
/// What one <c>Fire</c> did: where it started, where it ended, and the descriptions of the exit actions (of the
/// source) and entry actions (of the destination) it ran, each in declaration order; exit actions ran first.
/// An ignored trigger has <c>Destination == Source</c> and no actions.
/// </summary>
public sealed record Transition<TState, TTrigger>(
    TState Source,
    TTrigger Trigger,
    TState Destination,
    TransitionKind Kind,
    IReadOnlyList<string> ExitActions,
    IReadOnlyList<string> EntryActions)
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    // Value equality over the action lists too, so tests and callers can compare whole results.
    public bool Equals(Transition<TState, TTrigger>? other) =>
        other is not null
        && EqualityComparer<TState>.Default.Equals(Source, other.Source)
        && EqualityComparer<TTrigger>.Default.Equals(Trigger, other.Trigger)
        && EqualityComparer<TState>.Default.Equals(Destination, other.Destination)
        && Kind == other.Kind
        && ExitActions.SequenceEqual(other.ExitActions)
        && EntryActions.SequenceEqual(other.EntryActions);

    public override int GetHashCode() => HashCode.Combine(Source, Trigger, Destination, Kind, ExitActions.Count, EntryActions.Count);

    public override string ToString() =>
        $"{Source} --{Trigger}--> {Destination} ({Kind}; exit: [{string.Join(", ", ExitActions)}]; entry: [{string.Join(", ", EntryActions)}])";
}
