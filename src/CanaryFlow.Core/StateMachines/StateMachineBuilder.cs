namespace CanaryFlow.Core.StateMachines;

/// <summary>
/// Collects the configuration of a <see cref="StateMachine{TState, TTrigger, TContext}"/>. <see cref="Build"/>
/// copies it, so changing the builder afterwards does not change machines already built.
/// </summary>
public sealed class StateMachineBuilder<TState, TTrigger, TContext>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly List<StateConfiguration<TState, TTrigger, TContext>> _configurations = [];
    private TState? _initialState;

    /// <summary>Where the life of the modelled object begins: drawn as <c>[*] --&gt;</c> and the root of the reachability check.</summary>
    public StateMachineBuilder<TState, TTrigger, TContext> InitialState(TState state)
    {
        _initialState = DefinedEnumValue.Require(state, nameof(state));
        return this;
    }

    /// <summary>Starts the configuration of <paramref name="state"/>. Each state is configured once, in one place.</summary>
    public StateConfiguration<TState, TTrigger, TContext> Configure(TState state)
    {
        var configuration = new StateConfiguration<TState, TTrigger, TContext>(this, DefinedEnumValue.Require(state, nameof(state)));
        _configurations.Add(configuration);
        return configuration;
    }

    /// <summary>
    /// Checks the configuration and builds the machine. Mistakes found: no state configured; a state configured
    /// twice; a trigger with two unguarded behaviours in one state; a behaviour declared after an unguarded one for
    /// the same trigger (it could never apply); two guards of one trigger with the same description; a Permit to a
    /// state that is never configured, or to its own state (that is PermitReentry or Ignore); an initial state that
    /// is never configured; with an initial state, a configured state that no chain of permits reaches from it.
    /// </summary>
    /// <exception cref="StateMachineConfigurationException">Listing every mistake found.</exception>
    public StateMachine<TState, TTrigger, TContext> Build()
    {
        var problems = ConfigurationValidator.FindProblems(_configurations, _initialState);
        if (problems.Count > 0)
        {
            throw new StateMachineConfigurationException(problems);
        }

        return new StateMachine<TState, TTrigger, TContext>(_initialState, _configurations.Select(configuration => configuration.ToDefinition()).ToArray());
    }
}
