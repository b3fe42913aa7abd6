namespace CanaryFlow.Core.Replicas;

/// <summary>What <see cref="CanaryReplicaPlanner"/> needs from the Rollout and its two ReplicaSets.</summary>
public sealed record ReplicaPlanInput
{
    /// <summary><c>spec.replicas</c>.</summary>
    public required int Replicas { get; init; }

    /// <summary>The canary's traffic weight that the current step asks for, 0 to 100; 100 promotes.</summary>
    public required int DesiredWeight { get; init; }

    /// <summary>Whether <c>trafficRouting</c> is configured, so traffic follows the router and not the pod ratio.</summary>
    public bool TrafficRouted { get; init; }

    /// <summary>The <c>setCanaryScale</c> in force, if any; only honoured with traffic routing.</summary>
    public CanaryScaleOverride? CanaryScale { get; init; }

    /// <summary>Resolved <c>maxSurge</c>/<c>maxUnavailable</c>; only bound moves without traffic routing.</summary>
    public required RollingUpdateLimits Limits { get; init; }

    /// <summary>The Rollout is aborted: all traffic and capacity go back to the stable.</summary>
    public bool Aborted { get; init; }

    public ReplicaSetCounts Canary { get; init; } = ReplicaSetCounts.None;

    public ReplicaSetCounts Stable { get; init; } = ReplicaSetCounts.None;
}
