using CanaryFlow.Core.Api;
using CanaryFlow.Core.Replicas;

namespace CanaryFlow.Core.Rollouts;

/// <summary>Desired replicas of both ReplicaSets for a weight, and the weight the pods actually give.</summary>
internal sealed record ReplicaTargets(int Canary, int Stable, int ActualWeight);

/// <summary>Feeds one reconcile's observed ReplicaSets to <see cref="CanaryReplicaPlanner"/>.</summary>
internal static class ReplicaPlanner
{
    public static ReplicaTargets Targets(RolloutPlan plan, int weight, SetCanaryScale? scale, ObservedReplicaSet canary, ObservedReplicaSet? stable)
    {
        var result = CanaryReplicaPlanner.Plan(new ReplicaPlanInput
        {
            Replicas = plan.Replicas,
            DesiredWeight = Math.Clamp(weight, 0, 100),
            TrafficRouted = plan.Routed,
            CanaryScale = scale switch
            {
                { MatchTrafficWeight: true } => new CanaryScaleOverride.MatchTrafficWeight(),
                { Replicas: { } count } => new CanaryScaleOverride.Replicas(count),
                { Weight: { } percent } => new CanaryScaleOverride.Weight(percent),
                _ => null,
            },
            Limits = Limits(plan),
            Canary = new ReplicaSetCounts(canary.Replicas, canary.AvailableReplicas),
            Stable = stable is null ? ReplicaSetCounts.None : new ReplicaSetCounts(stable.Replicas, stable.AvailableReplicas),
        });

        // With a router the stable keeps every pod until promotion moves traffic and then scales it down after
        // scaleDownDelaySeconds; taking its pods earlier would drop requests the router still sends it.
        var stableTarget = plan.Routed ? plan.Replicas : result.StableReplicas;
        var canaryTarget = result.CanaryReplicas;
        if (!plan.Routed)
        {
            if (weight == 0)
            {
                // The planner sends weight 0 straight to (0, replicas); pods are traffic here, so go within the budget.
                canaryTarget = AvailabilityBudget.ScaleDownTarget(plan, canary, 0);
            }
            else if (plan.AvailabilityRemoved > 0 && stable is not null)
            {
                // Old ReplicaSets already spent availability in this decision: the stable keeps its pods for now.
                stableTarget = Math.Max(stableTarget, stable.Replicas);
            }
        }

        return new ReplicaTargets(canaryTarget, stableTarget, result.ActualCanaryWeight);
    }

    public static int MaxUnavailable(RolloutPlan plan) => Limits(plan).MaxUnavailable;

    /// <summary>The resolved limits; validation has rejected specs where they do not resolve.</summary>
    private static RollingUpdateLimits Limits(RolloutPlan plan) =>
        RollingUpdateLimits.TryResolve(plan.Canary.MaxSurge, plan.Canary.MaxUnavailable, plan.Replicas, out var limits, out _)
            ? limits
            : RollingUpdateLimits.TryResolve(null, null, plan.Replicas, out var defaults, out _) ? defaults : new RollingUpdateLimits(1, 0);
}
