using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Core.Rollouts;

/// <summary>
/// The conditions of a Rollout, including the kstatus ones (Ready, Reconciling, Stalled) that let
/// <c>kubectl wait --for=condition=Ready</c>, Flux and Argo CD read health without custom code. A condition keeps
/// its lastTransitionTime until its status changes, so an unchanged rollout writes nothing.
/// </summary>
public static class RolloutConditions
{
    public const string Ready = "Ready";
    public const string Reconciling = "Reconciling";
    public const string Stalled = "Stalled";
    public const string Progressing = "Progressing";
    public const string Available = "Available";
    public const string Paused = "Paused";
    public const string Completed = "Completed";
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>With trafficRouting only: whether the router's objects and Services exist so that the controller can drive it.</summary>
    public const string TrafficRoutingReady = "TrafficRoutingReady";

    /// <summary>
    /// After an abort with spec.git: True when the revert could not be committed (the reason says why), False once it was.
    /// Written by the Git work, not by the decision, which keeps it while the abort lasts (and spec.git still asks for
    /// reverts) and drops it afterwards.
    /// </summary>
    public const string GitRevertFailed = "GitRevertFailed";

    public const string DeadlineExceededReason = "ProgressDeadlineExceeded";

    /// <summary>The reason of Ready and Stalled while the traffic router cannot be driven.</summary>
    public const string TrafficRoutingNotReadyReason = "TrafficRoutingNotReady";

    internal sealed record Facts(RolloutPhase Phase, bool Invalid, bool Aborted, bool DeadlineExceeded, bool Paused, bool Available, bool UpdateInFlight, string Message, bool Routed = false, bool GitReverts = false);

    internal static IReadOnlyList<Condition> Build(IReadOnlyList<Condition>? previous, Facts facts, long? generation, DateTimeOffset now)
    {
        var degradedReason = facts.Invalid ? "InvalidSpec" : facts.Aborted ? "RolloutAborted" : facts.DeadlineExceeded ? DeadlineExceededReason : "Degraded";
        var progressingReason = facts.DeadlineExceeded ? DeadlineExceededReason
            : facts.Aborted ? "RolloutAborted"
            : facts.Paused ? "RolloutPaused"
            : facts.Phase == RolloutPhase.Healthy ? "NewReplicaSetAvailable"
            : "ReplicaSetUpdated";
        var conditions = new List<Condition>
        {
            Make(Ready, facts.Phase == RolloutPhase.Healthy, facts.Phase == RolloutPhase.Healthy ? "RolloutHealthy" : "Rollout" + facts.Phase),
            Make(Reconciling, facts.Phase is RolloutPhase.Progressing or RolloutPhase.Paused, facts.Phase is RolloutPhase.Progressing or RolloutPhase.Paused ? "Rollout" + facts.Phase : "ReconcileComplete"),
            Make(Stalled, facts.Phase == RolloutPhase.Degraded, facts.Phase == RolloutPhase.Degraded ? degradedReason : "NotStalled"),
            Make(Progressing, !facts.DeadlineExceeded && !facts.Invalid && !facts.Aborted, progressingReason),
            Make(Available, facts.Available, facts.Available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable"),
            Make(Paused, facts.Paused, facts.Paused ? "RolloutPaused" : "RolloutNotPaused"),
            Make(Completed, facts.Phase == RolloutPhase.Healthy && !facts.UpdateInFlight, facts.Phase == RolloutPhase.Healthy && !facts.UpdateInFlight ? "RolloutCompleted" : "RolloutNotCompleted"),
            Make(InvalidSpec, facts.Invalid, facts.Invalid ? "InvalidSpec" : "SpecValid"),
        };
        if (facts.Routed)
        {
            conditions.Add(Make(TrafficRoutingReady, true, TrafficRoutingReasons.Ready));
        }

        // Only while the Git work may still change it: with spec.git removed or revert: none nothing would ever clear a
        // True left from before.
        if (facts.Aborted && facts.GitReverts && previous?.FirstOrDefault(c => c.Type == GitRevertFailed) is { } gitRevert)
        {
            conditions.Add(gitRevert);
        }

        return conditions;

        Condition Make(string type, bool status, string reason)
        {
            // Stalled and InvalidSpec explain themselves only while they hold; Ready and Progressing always say where things are.
            var message = type is Ready or Progressing || (status && type is Stalled or InvalidSpec) ? facts.Message : "";
            return Transition(previous, type, status, reason, message, generation, now);
        }
    }

    /// <summary>
    /// The conditions while the traffic router cannot be driven: TrafficRoutingReady=False with the problem, and Ready=False
    /// and Stalled=True (a person must create or fix the object); the others stay as the last decision left them.
    /// </summary>
    internal static IReadOnlyList<Condition> WithTrafficRoutingProblem(IReadOnlyList<Condition>? previous, TrafficRouterProblem problem, string message, long? generation, DateTimeOffset now)
    {
        var replaced = new Dictionary<string, Condition>(StringComparer.Ordinal)
        {
            [Ready] = Transition(previous, Ready, false, TrafficRoutingNotReadyReason, message, generation, now),
            [Stalled] = Transition(previous, Stalled, true, TrafficRoutingNotReadyReason, message, generation, now),
            [TrafficRoutingReady] = Transition(previous, TrafficRoutingReady, false, problem.Reason, problem.Message, generation, now),
        };
        var conditions = (previous ?? []).Select(c => c.Type is { } type && replaced.Remove(type, out var updated) ? updated : c).ToList();
        conditions.AddRange(new[] { Ready, Stalled, TrafficRoutingReady }.Where(replaced.ContainsKey).Select(t => replaced[t]));
        return conditions;
    }

    /// <summary>A condition that keeps its lastTransitionTime while its status stays the same.</summary>
    private static Condition Transition(IReadOnlyList<Condition>? previous, string type, bool status, string reason, string message, long? generation, DateTimeOffset now)
    {
        var statusText = status ? "True" : "False";
        var old = previous?.FirstOrDefault(c => c.Type == type);
        var since = old is not null && old.Status == statusText ? old.LastTransitionTime ?? now : now;
        return new Condition
        {
            Type = type,
            Status = statusText,
            ObservedGeneration = generation,
            LastTransitionTime = since,
            Reason = reason,
            Message = message.Length == 0 ? null : message,
        };
    }
}
