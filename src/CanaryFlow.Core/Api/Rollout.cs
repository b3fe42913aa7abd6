using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Core.Api;

/// <summary>canaryflow.io/v1alpha1 Rollout: a pod template and the canary strategy that takes changes of it live.</summary>
public sealed record Rollout() : KubernetesObject(RolloutApi.ApiVersion, "Rollout")
{
    public RolloutSpec? Spec { get; init; }

    public RolloutStatus? Status { get; init; }
}

/// <summary>Names of the CanaryFlow API.</summary>
public static class RolloutApi
{
    public const string Group = "canaryflow.io";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>Label on every ReplicaSet and pod of a Rollout: the hash of its pod template.</summary>
    public const string PodTemplateHashLabel = "rollouts-pod-template-hash";

    /// <summary>Label on owned ReplicaSets naming their Rollout, so the controller's informer selects only those.</summary>
    public const string RolloutNameLabel = "rollout.canaryflow.io/name";

    /// <summary>Annotation on owned ReplicaSets: the revision number of their template.</summary>
    public const string RevisionAnnotation = "rollout.canaryflow.io/revision";

    /// <summary>Annotation on Services the controller points at a ReplicaSet hash.</summary>
    public const string ManagedByAnnotation = "rollout.canaryflow.io/managed-by";
}
