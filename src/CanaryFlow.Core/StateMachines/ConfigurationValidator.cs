namespace CanaryFlow.Core.StateMachines;

/// <summary>
/// The checks of <c>Build()</c>: mistakes that would otherwise surface only when a rarely fired trigger meets
/// a rarely visited state in production.
/// </summary>
internal static class ConfigurationValidator
{
    public static IReadOnlyList<string> FindProblems<TState, TTrigger, TContext>(
        IReadOnlyList<StateConfiguration<TState, TTrigger, TContext>> configurations, TState? initialState)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var problems = new List<string>();
        if (configurations.Count == 0)
        {
            problems.Add("no state is configured");
            return problems;
        }

        var configured = new HashSet<TState>();
        foreach (var configuration in configurations)
        {
            if (!configured.Add(configuration.State))
            {
                problems.Add($"state {configuration.State} is configured more than once: configure each state in one place");
            }
        }

        foreach (var configuration in configurations)
        {
            FindBehaviourProblems(configuration, configured, problems);
        }

        if (initialState is { } initial)
        {
            if (!configured.Contains(initial))
            {
                problems.Add($"the initial state {initial} is never configured");
            }
            else
            {
                var reachable = ReachableStates(configurations, initial);
                problems.AddRange(configurations
                    .Select(configuration => configuration.State)
                    .Distinct()
                    .Where(state => !reachable.Contains(state))
                    .Select(state => $"state {state} is not reachable from the initial state {initial}"));
            }
        }

        return problems;
    }

    private static void FindBehaviourProblems<TState, TTrigger, TContext>(
        StateConfiguration<TState, TTrigger, TContext> configuration, HashSet<TState> configured, List<string> problems)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var state = configuration.State;
        var unguarded = new Dictionary<TTrigger, TriggerBehaviour<TState, TTrigger, TContext>>();
        var guardDescriptions = new HashSet<(TTrigger, string)>();
        foreach (var behaviour in configuration.Behaviours)
        {
            if (unguarded.TryGetValue(behaviour.Trigger, out var earlier))
            {
                problems.Add(behaviour.IsGuarded
                    ? $"state {state}: {behaviour.Declaration} can never apply: it follows {earlier.Declaration}, which always applies"
                    : $"state {state}: trigger {behaviour.Trigger} is configured twice without a guard: {earlier.Declaration} and {behaviour.Declaration}");
            }
            else if (!behaviour.IsGuarded)
            {
                unguarded[behaviour.Trigger] = behaviour;
            }

            if (behaviour.GuardDescription is { } guard && !guardDescriptions.Add((behaviour.Trigger, guard)))
            {
                problems.Add($"state {state}: trigger {behaviour.Trigger} has two guards described as \"{guard}\": each description must say what its guard checks");
            }

            if (behaviour.Kind != TransitionKind.Permitted)
            {
                continue;
            }

            if (EqualityComparer<TState>.Default.Equals(behaviour.Destination, state))
            {
                problems.Add($"state {state}: {behaviour.Declaration} targets its own state: use PermitReentry (runs exit and entry actions) or Ignore");
            }
            else if (!configured.Contains(behaviour.Destination))
            {
                problems.Add($"state {state}: {behaviour.Declaration} targets state {behaviour.Destination}, which is never configured");
            }
        }
    }

    // Guards are ignored: they depend on the context, and a state that no permit leads to at all is dead configuration.
    private static HashSet<TState> ReachableStates<TState, TTrigger, TContext>(
        IReadOnlyList<StateConfiguration<TState, TTrigger, TContext>> configurations, TState initial)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var destinations = configurations
            .GroupBy(configuration => configuration.State)
            .ToDictionary(
                group => group.Key,
                group => group.SelectMany(configuration => configuration.Behaviours).Select(behaviour => behaviour.Destination).ToArray());
        var reachable = new HashSet<TState> { initial };
        var pending = new Queue<TState>([initial]);
        while (pending.TryDequeue(out var state))
        {
            foreach (var destination in destinations.GetValueOrDefault(state, []))
            {
                if (reachable.Add(destination))
                {
                    pending.Enqueue(destination);
                }
            }
        }

        return reachable;
    }
}
