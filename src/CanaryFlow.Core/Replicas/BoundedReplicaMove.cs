namespace CanaryFlow.Core.Replicas;

/// <summary>
/// One rolling-update step from the observed counts toward the targets, as a Deployment takes it: scale-downs first,
/// then scale-ups into whatever room <c>maxSurge</c> leaves.
/// <list type="bullet">
/// <item>A ReplicaSet above its target first loses its unavailable pods (the ReplicaSet controller deletes pods that
/// are not ready before ready ones), which costs no availability, and then available pods only while the available
/// pods of both sides stay at or above <c>replicas - maxUnavailable</c>.</item>
/// <item>A ReplicaSet below its target grows only while both together stay at or below
/// <c>replicas + maxSurge</c>; the canary grows first.</item>
/// </list>
/// Both bounds are met or, when the observed state already breaks one (say <c>spec.replicas</c> just went down), the
/// step makes it no worse.
/// </summary>
internal static class BoundedReplicaMove
{
    /// <param name="stableFloor">Pods the stable keeps even below its target.</param>
    public static (int Canary, int Stable) Step(
        int replicas,
        RollingUpdateLimits limits,
        ReplicaSetCounts canary,
        ReplicaSetCounts stable,
        (int Canary, int Stable) target,
        int stableFloor)
    {
        var minAvailable = Math.Max(0, replicas - limits.MaxUnavailable);
        var removableAvailable = Math.Max(0, canary.KeptAvailable + stable.KeptAvailable - minAvailable);

        var canaryReplicas = ScaleDown(canary, target.Canary, 0, ref removableAvailable);
        var stableReplicas = ScaleDown(stable, target.Stable, stableFloor, ref removableAvailable);

        var room = Math.Max(0, replicas + limits.MaxSurge - canaryReplicas - stableReplicas);
        var canaryGrowth = Math.Clamp(target.Canary - canaryReplicas, 0, room);
        canaryReplicas += canaryGrowth;
        room -= canaryGrowth;
        stableReplicas += Math.Clamp(target.Stable - stableReplicas, 0, room);
        return (canaryReplicas, stableReplicas);
    }

    private static int ScaleDown(ReplicaSetCounts observed, int target, int floor, ref int removableAvailable)
    {
        if (observed.Replicas <= target)
        {
            return observed.Replicas;
        }

        var lowest = Math.Max(Math.Max(target, floor), observed.KeptAvailable - removableAvailable);
        var next = Math.Min(observed.Replicas, lowest);
        removableAvailable -= observed.KeptAvailable - Math.Min(observed.KeptAvailable, next);
        return next;
    }
}
