namespace CanaryFlow.Core.Replicas;

/// <summary>The observed state of one ReplicaSet: <c>spec.replicas</c> and <c>status.availableReplicas</c>.</summary>
public readonly record struct ReplicaSetCounts(int Replicas, int AvailableReplicas)
{
    public static ReplicaSetCounts None { get; } = new(0, 0);

    /// <summary>
    /// Available pods that the ReplicaSet will keep. Status lags spec: right after a scale-down the status may still
    /// count pods that are being deleted, and those must not be relied on to keep the service up.
    /// </summary>
    internal int KeptAvailable => Math.Min(Replicas, AvailableReplicas);
}
