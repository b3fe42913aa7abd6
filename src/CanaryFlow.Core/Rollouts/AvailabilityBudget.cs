namespace CanaryFlow.Core.Rollouts;

/// <summary>
/// Without a router a ReplicaSet's pods are its traffic, so taking them down must keep at least
/// <c>replicas - maxUnavailable</c> pods of the Rollout available (semantics §2). One decision may take down several
/// ReplicaSets (an aborted canary, a superseded one, an old stable); they share one budget through the plan.
/// </summary>
internal static class AvailabilityBudget
{
    /// <summary>
    /// How far <paramref name="rs"/> may go towards <paramref name="target"/> now: its pods that are not available go
    /// first and cost nothing; available ones only while the budget lasts. Records what it spent in the plan.
    /// </summary>
    public static int ScaleDownTarget(RolloutPlan plan, ObservedReplicaSet rs, int target)
    {
        if (rs.Replicas <= target)
        {
            return rs.Replicas;
        }

        var minAvailable = Math.Max(0, plan.Replicas - ReplicaPlanner.MaxUnavailable(plan));
        var totalAvailable = plan.ReplicaSets.Sum(Kept);
        var removable = Math.Max(0, totalAvailable - plan.AvailabilityRemoved - minAvailable);
        var kept = Kept(rs);
        var next = Math.Min(rs.Replicas, Math.Max(target, kept - removable));
        plan.AvailabilityRemoved += kept - Math.Min(kept, next);
        return next;
    }

    /// <summary>Available pods the ReplicaSet keeps at its current size (reported counts beyond its spec do not count).</summary>
    private static int Kept(ObservedReplicaSet rs) => Math.Min(rs.Replicas, rs.AvailableReplicas);
}
