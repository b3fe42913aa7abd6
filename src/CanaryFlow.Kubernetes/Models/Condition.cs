using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>
/// metav1.Condition, the standard condition of newer APIs and of our own CRDs. <see cref="ObservedGeneration"/> tells
/// which spec generation the condition was computed from.
/// </summary>
public sealed record Condition : KubernetesRecord
{
    public string? Type { get; init; }

    /// <summary>True, False or Unknown.</summary>
    public string? Status { get; init; }

    public long? ObservedGeneration { get; init; }

    [JsonConverter(typeof(TimeJsonConverter))]
    public DateTimeOffset? LastTransitionTime { get; init; }

    public string? Reason { get; init; }

    public string? Message { get; init; }
}
