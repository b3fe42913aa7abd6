using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>apps/v1 ReplicaSet: the stable and canary pods of a Rollout are each one of these.</summary>
public sealed record ReplicaSet() : KubernetesObject("apps/v1", "ReplicaSet")
{
    public ReplicaSetSpec? Spec { get; init; }

    public ReplicaSetStatus? Status { get; init; }
}

public sealed record ReplicaSetSpec : KubernetesRecord
{
    public int? Replicas { get; init; }

    public int? MinReadySeconds { get; init; }

    public LabelSelector? Selector { get; init; }

    public PodTemplateSpec? Template { get; init; }
}

public sealed record ReplicaSetStatus : KubernetesRecord
{
    public int? Replicas { get; init; }

    public int? FullyLabeledReplicas { get; init; }

    public int? ReadyReplicas { get; init; }

    public int? AvailableReplicas { get; init; }

    /// <summary>Pods being deleted (Kubernetes 1.33+); absent on older servers.</summary>
    public int? TerminatingReplicas { get; init; }

    /// <summary>Counts above are stale while this is below metadata.generation.</summary>
    public long? ObservedGeneration { get; init; }

    public IReadOnlyList<ReplicaSetCondition>? Conditions { get; init; }
}

/// <summary>apps/v1 ReplicaSetCondition, e.g. ReplicaFailure when pods cannot be created (quota, admission).</summary>
public sealed record ReplicaSetCondition : KubernetesRecord
{
    public string? Type { get; init; }

    public string? Status { get; init; }

    [JsonConverter(typeof(TimeJsonConverter))]
    public DateTimeOffset? LastTransitionTime { get; init; }

    public string? Reason { get; init; }

    public string? Message { get; init; }
}
