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
    public const string DeadlineExceededReason = "ProgressDeadlineExceeded";

    internal sealed record Facts(RolloutPhase Phase, bool Invalid, bool Aborted, bool DeadlineExceeded, bool Paused, bool Available, bool UpdateInFlight, string Message);

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

        return conditions;

        Condition Make(string type, bool status, string reason)
        {
            var statusText = status ? "True" : "False";
            // Stalled and InvalidSpec explain themselves only while they hold; Ready and Progressing always say where things are.
            var message = type is Ready or Progressing || (status && type is Stalled or InvalidSpec) ? facts.Message : "";
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
}
