using CanaryFlow.Core.Api;

namespace CanaryFlow.Core.Rollouts;

/// <summary>
/// A Rollout whose traffic router cannot be driven (its HTTPRoute or Ingress is missing, a Service is gone, the route
/// does not name the Services) is held where it is: no ReplicaSet, Service or weight moves, since every step's safety
/// rests on the router. The status says why (condition TrafficRoutingReady=False, with Ready=False and Stalled=True) and
/// one Event is recorded per problem; the phase is left as it was, so the rollout continues from exactly there once the
/// object appears (its informer event brings the Rollout back).
/// </summary>
internal static class TrafficRoutingHold
{
    public const string NotReadyEvent = "TrafficRoutingNotReady";
    public const string ReadyEvent = "TrafficRoutingReady";

    /// <summary>Why the Rollout's router cannot be driven, or null when it can (or there is no router).</summary>
    public static TrafficRouterProblem? Problem(ObservedRollout observed)
    {
        if (observed.Rollout.Spec?.Strategy?.Canary?.TrafficRouting is null)
        {
            return null;
        }

        if (observed.TrafficRouter?.Problem is { } problem)
        {
            return problem;
        }

        var ns = observed.Rollout.Metadata.Namespace;
        return new[] { observed.StableService, observed.CanaryService }.FirstOrDefault(s => s is { Exists: false }) is { } missing
            ? new TrafficRouterProblem(TrafficRoutingReasons.ServiceNotFound, $"Service {ns}/{missing.Name} not found")
            : null;
    }

    /// <summary>True when the last decision reported a problem (so this one, which has none, reports the recovery).</summary>
    public static bool WasHeld(RolloutStatus? status) =>
        status?.Conditions?.Any(c => c.Type == RolloutConditions.TrafficRoutingReady && c.Status == "False") == true;

    public static RolloutDecision Decide(ObservedRollout observed, TrafficRouterProblem problem, DateTimeOffset now)
    {
        var old = observed.Rollout.Status ?? new RolloutStatus();
        var actions = new List<RolloutAction>();
        var canary = old.Canary;
        if (observed.CanaryService is { Exists: false } && observed.TrafficRouter is { Problem: null, CanaryWeight: not 0 })
        {
            // The one change made while held: a canary Service that is gone has no pods behind it, so a router that can
            // still be written stops sending it requests.
            actions.Add(new SetTrafficWeight(0));
            canary = (canary ?? new CanaryStatus()) with { Weights = new TrafficWeights { Canary = 0, Stable = 100 } };
        }

        var message = $"Traffic routing is not ready: {problem.Message}; the rollout waits where it is until it is";
        var generation = observed.Rollout.Metadata.Generation;
        var reported = old.Conditions?.Any(c => c.Type == RolloutConditions.TrafficRoutingReady && c.Status == "False" && c.Message == problem.Message) == true;
        var status = old with
        {
            ObservedGeneration = generation,
            Phase = old.Phase ?? nameof(RolloutPhase.Progressing),
            Message = message,
            Canary = canary,
            Conditions = RolloutConditions.WithTrafficRoutingProblem(old.Conditions, problem, message, generation, now),
        };
        return new RolloutDecision(actions, status, reported ? [] : [new RolloutEvent(RolloutEvent.Warning, NotReadyEvent, problem.Message)], null);
    }
}
