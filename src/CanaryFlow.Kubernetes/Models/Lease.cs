using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>coordination.k8s.io/v1 Lease, the leader-election lock.</summary>
public sealed record Lease() : KubernetesObject("coordination.k8s.io/v1", "Lease")
{
    public LeaseSpec? Spec { get; init; }
}

/// <summary>
/// coordination.k8s.io/v1 LeaseSpec. The times are MicroTime: the server rejects them unless they carry exactly six
/// fractional digits.
/// </summary>
public sealed record LeaseSpec : KubernetesRecord
{
    /// <summary>Empty after a holder released the lease; anyone may take it at once.</summary>
    public string? HolderIdentity { get; init; }

    public int? LeaseDurationSeconds { get; init; }

    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? AcquireTime { get; init; }

    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? RenewTime { get; init; }

    public int? LeaseTransitions { get; init; }
}
