using System.Collections.Frozen;

namespace CanaryFlow.Core.StateMachines;

/// <summary>
/// An immutable state machine built by <see cref="StateMachineBuilder{TState, TTrigger, TContext}"/>. It does not
/// hold a current state: the caller passes it in and stores the result's destination, because a Rollout's state is
/// reconstructed from its status on every reconcile and a restarted controller must continue where the last stopped.
/// One machine can therefore serve any number of objects, and threads too as long as its guards and actions allow it.
/// The machine itself does no I/O; the guards and actions it runs are the caller's delegates.
/// </summary>
public sealed class StateMachine<TState, TTrigger, TContext>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly FrozenDictionary<TState, StateDefinition<TState, TTrigger, TContext>> _states;

    internal StateMachine(TState? initialState, IReadOnlyList<StateDefinition<TState, TTrigger, TContext>> states)
    {
        InitialState = initialState;
        States = states.Select(state => state.State).ToArray().AsReadOnly();
        _states = states.ToFrozenDictionary(state => state.State);
        Description = new StateMachineDescription<TState, TTrigger>(initialState, states.Select(state => state.Describe()).ToArray().AsReadOnly());
    }

    /// <summary>The state drawn as the start of the diagram, when the builder declared one.</summary>
    public TState? InitialState { get; }

    /// <summary>The configured states, in configuration order.</summary>
    public IReadOnlyList<TState> States { get; }

    /// <summary>The configuration as data: states, their actions and transitions with guard descriptions.</summary>
    public StateMachineDescription<TState, TTrigger> Description { get; }

    /// <summary>
    /// Fires <paramref name="trigger"/> in <paramref name="current"/>: picks the first behaviour for the trigger
    /// whose guard passes (an unguarded one always passes), then for a permit or reentry runs the exit actions of
    /// <paramref name="current"/> and the entry actions of the destination, in declaration order. An exception from a
    /// guard or an action propagates unchanged; actions that ran before it have already changed the context.
    /// </summary>
    /// <exception cref="InvalidTransitionException">The state or the trigger is not configured, or no guard passed.</exception>
    public Transition<TState, TTrigger> Fire(TState current, TTrigger trigger, TContext context)
    {
        var result = TryFire(current, trigger, context);
        if (result.Succeeded)
        {
            return result.Transition;
        }

        var failure = result.Failure;
        throw new InvalidTransitionException(failure.Message, failure.State, failure.Trigger, failure.Reason, failure.FailedGuards);
    }

    /// <summary>
    /// Like <see cref="Fire"/>, but a trigger the machine cannot fire is a failure result instead of an exception.
    /// Exceptions from guards and actions still propagate: they are bugs, not answers.
    /// </summary>
    public FireResult<TState, TTrigger> TryFire(TState current, TTrigger trigger, TContext context)
    {
        var (behaviour, failure) = Resolve(current, trigger, context);
        return behaviour is null ? new(failure!) : new(Execute(behaviour, context));
    }

    /// <summary>Whether <see cref="Fire"/> would succeed (an ignored trigger counts). Evaluates guards, runs no action.</summary>
    public bool CanFire(TState current, TTrigger trigger, TContext context) => Resolve(current, trigger, context).Behaviour is not null;

    /// <summary>
    /// The triggers that would change the state or re-enter it now, in order of first declaration; ignored triggers
    /// are not listed (they can be fired, but nothing happens). Evaluates guards, runs no action.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="current"/> is not a configured state.</exception>
    public IReadOnlyList<TTrigger> PermittedTriggers(TState current, TContext context)
    {
        if (!_states.TryGetValue(current, out var state))
        {
            throw new ArgumentOutOfRangeException(nameof(current), current, $"State {current} is not configured.");
        }

        return state.Triggers
            .Where(trigger => FirstApplicable(state.BehavioursFor(trigger), context, failedGuards: null) is { Kind: not TransitionKind.Ignored })
            .ToArray();
    }

    /// <summary>The machine as a Mermaid <c>stateDiagram-v2</c> (see <see cref="MermaidStateDiagram"/>).</summary>
    public string ToMermaid() => MermaidStateDiagram.Render(Description);

    private (TriggerBehaviour<TState, TTrigger, TContext>? Behaviour, FireFailure<TState, TTrigger>? Failure) Resolve(
        TState current, TTrigger trigger, TContext context)
    {
        if (!_states.TryGetValue(current, out var state))
        {
            return (null, new(current, trigger, FireFailureReason.StateNotConfigured, [],
                $"Cannot fire {trigger} in state {current}: the state is not configured."));
        }

        var behaviours = state.BehavioursFor(trigger);
        if (behaviours.Count == 0)
        {
            var configured = state.Triggers.Count == 0 ? "none" : string.Join(", ", state.Triggers);
            return (null, new(current, trigger, FireFailureReason.TriggerNotConfigured, [],
                $"Cannot fire {trigger} in state {current}: the trigger is not configured for this state (configured triggers: {configured})."));
        }

        var failedGuards = new List<string>();
        if (FirstApplicable(behaviours, context, failedGuards) is { } behaviour)
        {
            return (behaviour, null);
        }

        return (null, new(current, trigger, FireFailureReason.NoGuardPassed, failedGuards.AsReadOnly(),
            $"Cannot fire {trigger} in state {current}: no guard passed: {string.Join("; ", failedGuards)}."));
    }

    private static TriggerBehaviour<TState, TTrigger, TContext>? FirstApplicable(
        IReadOnlyList<TriggerBehaviour<TState, TTrigger, TContext>> behaviours, TContext context, List<string>? failedGuards)
    {
        foreach (var behaviour in behaviours)
        {
            if (behaviour.Applies(context))
            {
                return behaviour;
            }

            failedGuards?.Add(behaviour.GuardDescription!);
        }

        return null;
    }

    private Transition<TState, TTrigger> Execute(TriggerBehaviour<TState, TTrigger, TContext> behaviour, TContext context)
    {
        if (behaviour.Kind == TransitionKind.Ignored)
        {
            return new(behaviour.Source, behaviour.Trigger, behaviour.Source, TransitionKind.Ignored, [], []);
        }

        var change = new StateChange<TState, TTrigger>(behaviour.Source, behaviour.Trigger, behaviour.Destination, behaviour.Kind);
        var exitActions = Run(_states[behaviour.Source].ExitActions, context, change);
        var entryActions = Run(_states[behaviour.Destination].EntryActions, context, change);
        return new(behaviour.Source, behaviour.Trigger, behaviour.Destination, behaviour.Kind, exitActions, entryActions);
    }

    private static string[] Run(IReadOnlyList<StateAction<TState, TTrigger, TContext>> actions, TContext context, StateChange<TState, TTrigger> change)
    {
        var descriptions = new string[actions.Count];
        for (var i = 0; i < actions.Count; i++)
        {
            actions[i].Run(context, change);
            descriptions[i] = actions[i].Description;
        }

        return descriptions;
    }
}
