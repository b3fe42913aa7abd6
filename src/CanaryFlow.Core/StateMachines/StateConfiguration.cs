namespace CanaryFlow.Core.StateMachines;

/// <summary>
/// The fluent configuration of one state, returned by <c>Configure(state)</c>.
/// <para>
/// Behaviours for one trigger are evaluated in declaration order and the first that applies wins. An unguarded
/// behaviour (<see cref="Permit"/>, <see cref="PermitReentry"/>, <see cref="Ignore"/>) always applies, so it must
/// come last for its trigger: it is the "else" after the guarded ones, and <c>Build()</c> rejects anything
/// declared after it for that trigger.
/// </para>
/// </summary>
public sealed class StateConfiguration<TState, TTrigger, TContext>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly StateMachineBuilder<TState, TTrigger, TContext> _builder;
    private readonly List<TriggerBehaviour<TState, TTrigger, TContext>> _behaviours = [];
    private readonly List<StateAction<TState, TTrigger, TContext>> _entryActions = [];
    private readonly List<StateAction<TState, TTrigger, TContext>> _exitActions = [];

    internal StateConfiguration(StateMachineBuilder<TState, TTrigger, TContext> builder, TState state)
    {
        _builder = builder;
        State = state;
    }

    public TState State { get; }

    internal IReadOnlyList<TriggerBehaviour<TState, TTrigger, TContext>> Behaviours => _behaviours;

    /// <summary>The trigger moves the machine to <paramref name="destination"/>, which must be another state.</summary>
    public StateConfiguration<TState, TTrigger, TContext> Permit(TTrigger trigger, TState destination) =>
        Add(trigger, TransitionKind.Permitted, DefinedEnumValue.Require(destination, nameof(destination)), null, null);

    /// <summary>The trigger moves the machine to <paramref name="destination"/> when <paramref name="guard"/> returns true.</summary>
    public StateConfiguration<TState, TTrigger, TContext> PermitIf(
        TTrigger trigger, TState destination, Func<TContext, bool> guard, string guardDescription) =>
        Add(trigger, TransitionKind.Permitted, DefinedEnumValue.Require(destination, nameof(destination)), guard, guardDescription);

    /// <summary>The trigger leaves and re-enters this state: its exit actions run, then its entry actions.</summary>
    public StateConfiguration<TState, TTrigger, TContext> PermitReentry(TTrigger trigger) =>
        Add(trigger, TransitionKind.Reentry, State, null, null);

    public StateConfiguration<TState, TTrigger, TContext> PermitReentryIf(TTrigger trigger, Func<TContext, bool> guard, string guardDescription) =>
        Add(trigger, TransitionKind.Reentry, State, guard, guardDescription);

    /// <summary>The trigger is accepted and does nothing: no state change, no action.</summary>
    public StateConfiguration<TState, TTrigger, TContext> Ignore(TTrigger trigger) =>
        Add(trigger, TransitionKind.Ignored, State, null, null);

    public StateConfiguration<TState, TTrigger, TContext> IgnoreIf(TTrigger trigger, Func<TContext, bool> guard, string guardDescription) =>
        Add(trigger, TransitionKind.Ignored, State, guard, guardDescription);

    /// <summary>Runs <paramref name="action"/> whenever the state is entered, including by reentry, after earlier entry actions.</summary>
    public StateConfiguration<TState, TTrigger, TContext> OnEntry(Action<TContext> action, string description)
    {
        ArgumentNullException.ThrowIfNull(action);
        return OnEntry((context, _) => action(context), description);
    }

    public StateConfiguration<TState, TTrigger, TContext> OnEntry(Action<TContext, StateChange<TState, TTrigger>> action, string description)
    {
        ArgumentNullException.ThrowIfNull(action);
        _entryActions.Add(new(action, RequireDescription(description, nameof(description))));
        return this;
    }

    /// <summary>Runs <paramref name="action"/> whenever the state is left, including by reentry, before the next state's entry actions.</summary>
    public StateConfiguration<TState, TTrigger, TContext> OnExit(Action<TContext> action, string description)
    {
        ArgumentNullException.ThrowIfNull(action);
        return OnExit((context, _) => action(context), description);
    }

    public StateConfiguration<TState, TTrigger, TContext> OnExit(Action<TContext, StateChange<TState, TTrigger>> action, string description)
    {
        ArgumentNullException.ThrowIfNull(action);
        _exitActions.Add(new(action, RequireDescription(description, nameof(description))));
        return this;
    }

    /// <summary>Starts configuring the next state (the builder's <c>Configure</c>, so one chain can describe the whole machine).</summary>
    public StateConfiguration<TState, TTrigger, TContext> Configure(TState state) => _builder.Configure(state);

    public StateMachine<TState, TTrigger, TContext> Build() => _builder.Build();

    internal StateDefinition<TState, TTrigger, TContext> ToDefinition() => new(State, _behaviours, _entryActions, _exitActions);

    private StateConfiguration<TState, TTrigger, TContext> Add(
        TTrigger trigger, TransitionKind kind, TState destination, Func<TContext, bool>? guard, string? guardDescription)
    {
        DefinedEnumValue.Require(trigger, nameof(trigger));
        if (guard is not null || guardDescription is not null)
        {
            ArgumentNullException.ThrowIfNull(guard);
            guardDescription = RequireDescription(guardDescription, nameof(guardDescription));
        }

        _behaviours.Add(new(State, trigger, kind, destination, guard, guardDescription));
        return this;
    }

    // Descriptions end up in one Mermaid line and in exception messages, where a line break would cut them.
    private static string RequireDescription(string? description, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description, parameterName);
        if (description.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("A description must be a single line.", parameterName);
        }

        return description;
    }
}
