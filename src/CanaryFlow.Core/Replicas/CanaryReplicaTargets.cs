namespace CanaryFlow.Core.Replicas;

/// <summary>Where a weight puts the two ReplicaSets once every move is done.</summary>
internal static class CanaryReplicaTargets
{
    /// <summary>
    /// With a traffic router: enough canary pods to take <paramref name="percent"/>% of the full load, rounded up so
    /// the canary is never under-provisioned for the traffic it is sent (any weight from 1 to 99 gets at least one
    /// pod).
    /// </summary>
    public static int RoutedCanary(int replicas, int percent) => (int)(((long)replicas * percent + 99) / 100);

    /// <summary>
    /// Without a router the pod ratio is the traffic split, so the targets add up to <paramref name="replicas"/> and
    /// the canary gets <c>replicas * weight / 100</c> rounded half up (5 replicas at 50% is 3 canary, 2 stable).
    /// A weight from 1 to 99 means both versions serve: each side keeps at least one pod, as Argo Rollouts does,
    /// rather than rounding to 0% or 100%. With a single replica both sides only fit with a surge pod, so that
    /// Rollout runs one canary and one stable pod while the surge allows it, and with <c>maxSurge</c> 0 keeps its
    /// one stable pod and no canary (Argo Rollouts makes the same choice).
    /// </summary>
    public static (int Canary, int Stable) ReplicaRatio(int replicas, int weight, int maxSurge)
    {
        if (weight is 0 or 100 || replicas == 0)
        {
            var canary = weight == 100 ? replicas : 0;
            return (canary, replicas - canary);
        }

        if (replicas == 1)
        {
            return maxSurge >= 1 ? (1, 1) : (0, 1);
        }

        var rounded = (int)(((long)replicas * weight + 50) / 100);
        var canaryPods = Math.Clamp(rounded, 1, replicas - 1);
        return (canaryPods, replicas - canaryPods);
    }
}
