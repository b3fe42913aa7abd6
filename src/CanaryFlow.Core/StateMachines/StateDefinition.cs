using System.Collections.Frozen;
using System.Collections.ObjectModel;

namespace CanaryFlow.Core.StateMachines;

/// <summary>A configured state as the built machine holds it: copied out of the builder, never changed again.</summary>
internal sealed class StateDefinition<TState, TTrigger, TContext>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly FrozenDictionary<TTrigger, TriggerBehaviour<TState, TTrigger, TContext>[]> _behavioursByTrigger;

    public StateDefinition(
        TState state,
        IEnumerable<TriggerBehaviour<TState, TTrigger, TContext>> behaviours,
        IEnumerable<StateAction<TState, TTrigger, TContext>> entryActions,
        IEnumerable<StateAction<TState, TTrigger, TContext>> exitActions)
    {
        State = state;
        Behaviours = behaviours.ToArray().AsReadOnly();
        EntryActions = entryActions.ToArray().AsReadOnly();
        ExitActions = exitActions.ToArray().AsReadOnly();
        // GroupBy keeps first-appearance order of the keys and declaration order inside each group.
        var groups = Behaviours.GroupBy(behaviour => behaviour.Trigger).ToArray();
        Triggers = groups.Select(group => group.Key).ToArray().AsReadOnly();
        _behavioursByTrigger = groups.ToFrozenDictionary(group => group.Key, group => group.ToArray());
    }

    public TState State { get; }

    /// <summary>All behaviours in declaration order.</summary>
    public ReadOnlyCollection<TriggerBehaviour<TState, TTrigger, TContext>> Behaviours { get; }

    public ReadOnlyCollection<StateAction<TState, TTrigger, TContext>> EntryActions { get; }

    public ReadOnlyCollection<StateAction<TState, TTrigger, TContext>> ExitActions { get; }

    /// <summary>The triggers with at least one behaviour, in order of their first declaration.</summary>
    public ReadOnlyCollection<TTrigger> Triggers { get; }

    /// <summary>The behaviours for one trigger in declaration order, which is also their evaluation order.</summary>
    public IReadOnlyList<TriggerBehaviour<TState, TTrigger, TContext>> BehavioursFor(TTrigger trigger) =>
        _behavioursByTrigger.TryGetValue(trigger, out var behaviours) ? behaviours : [];

    public StateDescription<TState, TTrigger> Describe()
    {
        var guardedTriggers = new HashSet<TTrigger>();
        var transitions = new List<TransitionDescription<TState, TTrigger>>();
        foreach (var behaviour in Behaviours)
        {
            var isFallback = !behaviour.IsGuarded && guardedTriggers.Contains(behaviour.Trigger);
            if (behaviour.IsGuarded)
            {
                guardedTriggers.Add(behaviour.Trigger);
            }

            transitions.Add(new(behaviour.Source, behaviour.Trigger, behaviour.Kind, behaviour.Destination, behaviour.GuardDescription, isFallback));
        }

        return new(
            State,
            EntryActions.Select(action => action.Description).ToArray().AsReadOnly(),
            ExitActions.Select(action => action.Description).ToArray().AsReadOnly(),
            transitions.AsReadOnly());
    }
}
