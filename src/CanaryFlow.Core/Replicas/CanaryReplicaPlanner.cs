namespace CanaryFlow.Core.Replicas;

/// <summary>
/// Sizes the canary and stable ReplicaSets for one reconcile (semantics §2). A pure function of the Rollout's spec
/// and the two ReplicaSets' observed counts: call it on every reconcile and apply the result; it converges in as
/// many reconciles as availability and surge allow.
/// <list type="bullet">
/// <item>Aborted: canary 0 and stable <c>replicas</c> at once, ignoring <c>maxSurge</c>/<c>maxUnavailable</c>:
/// the canary is the suspect, and keeping its pods to respect a surge budget would keep a bad version serving. The
/// controller may hold the canary's scale-down for <c>abortScaleDownDelaySeconds</c> after moving traffic; this is
/// where it ends.</item>
/// <item>With traffic routing: the stable stays at <c>replicas</c> so it can take all traffic back at any moment,
/// and the canary gets <c>ceil(replicas * weight / 100)</c> pods (or what <c>setCanaryScale</c> says). Surge limits
/// do not apply: the router, not the pod count, decides the split.</item>
/// <item>Without traffic routing: the pod ratio is the traffic split (<see cref="CanaryReplicaTargets.ReplicaRatio"/>),
/// approached one bounded step at a time (<see cref="BoundedReplicaMove"/>). Weight 0 is the way back to the stable
/// and goes there at once, as an abort does: with no router, removing the canary's pods is the only way to take its
/// traffic away.</item>
/// <item>Weight 100 promotes: canary <c>replicas</c>, and the stable goes to 0 only once the canary is fully
/// available. Without routing the last stable pod waits for that too whenever <c>maxSurge</c> leaves room for it;
/// with <c>maxSurge</c> 0 there is no room, so it goes when <c>maxUnavailable</c> allows, as in a Deployment.
/// <c>setCanaryScale</c> is ignored at 100: the canary cannot take all traffic at a reduced size.</item>
/// </list>
/// <c>setCanaryScale</c> without traffic routing is an invalid spec, left to validation; here it is ignored.
/// </summary>
public static class CanaryReplicaPlanner
{
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, the weight is outside 0..100, or the
    /// limits are both 0 (resolve them with <see cref="RollingUpdateLimits.TryResolve"/>).</exception>
    public static ReplicaPlan Plan(ReplicaPlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Validate(input);

        var (canary, stable) = input switch
        {
            { Replicas: 0 } => (0, 0),
            { Aborted: true } => (0, input.Replicas),
            { TrafficRouted: true } => Routed(input),
            _ => ByReplicaRatio(input),
        };
        return new ReplicaPlan(canary, stable, ActualCanaryWeight(input.Canary, input.Stable));
    }

    private static (int Canary, int Stable) Routed(ReplicaPlanInput input)
    {
        var replicas = input.Replicas;
        if (input.DesiredWeight == 100)
        {
            return (replicas, input.Canary.KeptAvailable >= replicas ? 0 : replicas);
        }

        var canary = input.CanaryScale switch
        {
            CanaryScaleOverride.Replicas fixedCount => fixedCount.Count,
            CanaryScaleOverride.Weight weight => CanaryReplicaTargets.RoutedCanary(replicas, weight.Percent),
            _ => CanaryReplicaTargets.RoutedCanary(replicas, input.DesiredWeight),
        };
        return (canary, replicas);
    }

    private static (int Canary, int Stable) ByReplicaRatio(ReplicaPlanInput input)
    {
        if (input.DesiredWeight == 0)
        {
            return (0, input.Replicas);
        }

        var target = CanaryReplicaTargets.ReplicaRatio(input.Replicas, input.DesiredWeight, input.Limits.MaxSurge);
        var keepLastStablePod = input.DesiredWeight == 100
            && input.Limits.MaxSurge >= 1
            && input.Canary.KeptAvailable < input.Replicas;
        return BoundedReplicaMove.Step(input.Replicas, input.Limits, input.Canary, input.Stable, target, keepLastStablePod ? 1 : 0);
    }

    private static int ActualCanaryWeight(ReplicaSetCounts canary, ReplicaSetCounts stable)
    {
        long total = canary.AvailableReplicas + stable.AvailableReplicas;
        return total == 0 ? 0 : (int)((200L * canary.AvailableReplicas + total) / (2 * total));
    }

    private static void Validate(ReplicaPlanInput input)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(input.Replicas, nameof(input.Replicas));
        ArgumentOutOfRangeException.ThrowIfNegative(input.DesiredWeight, nameof(input.DesiredWeight));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(input.DesiredWeight, 100, nameof(input.DesiredWeight));
        ArgumentOutOfRangeException.ThrowIfNegative(input.Limits.MaxSurge, nameof(input.Limits));
        ArgumentOutOfRangeException.ThrowIfNegative(input.Limits.MaxUnavailable, nameof(input.Limits));
        if (input.Limits is { MaxSurge: 0, MaxUnavailable: 0 })
        {
            throw new ArgumentOutOfRangeException(nameof(input), "maxSurge and maxUnavailable are both 0: no pod could move");
        }

        foreach (var counts in new[] { input.Canary, input.Stable })
        {
            ArgumentOutOfRangeException.ThrowIfNegative(counts.Replicas, nameof(input));
            ArgumentOutOfRangeException.ThrowIfNegative(counts.AvailableReplicas, nameof(input));
        }

        switch (input.CanaryScale)
        {
            case CanaryScaleOverride.Replicas { Count: < 0 }:
                throw new ArgumentOutOfRangeException(nameof(input), "setCanaryScale replicas must not be negative");
            case CanaryScaleOverride.Weight { Percent: < 0 or > 100 }:
                throw new ArgumentOutOfRangeException(nameof(input), "setCanaryScale weight must be 0..100");
        }
    }
}
