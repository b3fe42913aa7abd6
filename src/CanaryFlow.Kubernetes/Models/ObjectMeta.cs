using System.Text.Json;
using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>metav1.ObjectMeta.</summary>
public sealed record ObjectMeta : KubernetesRecord
{
    public string? Name { get; init; }

    public string? GenerateName { get; init; }

    public string? Namespace { get; init; }

    public string? Uid { get; init; }

    public string? ResourceVersion { get; init; }

    public long? Generation { get; init; }

    [JsonConverter(typeof(TimeJsonConverter))]
    public DateTimeOffset? CreationTimestamp { get; init; }

    [JsonConverter(typeof(TimeJsonConverter))]
    public DateTimeOffset? DeletionTimestamp { get; init; }

    public long? DeletionGracePeriodSeconds { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    public IReadOnlyList<OwnerReference>? OwnerReferences { get; init; }

    public IReadOnlyList<string>? Finalizers { get; init; }

    /// <summary>Server-side apply bookkeeping: only the server interprets it, we carry it through unchanged.</summary>
    public JsonElement? ManagedFields { get; init; }
}

/// <summary>metav1.OwnerReference; the garbage collector matches owners by <see cref="Uid"/>, not by name.</summary>
public sealed record OwnerReference : KubernetesRecord
{
    public string? ApiVersion { get; init; }

    public string? Kind { get; init; }

    public string? Name { get; init; }

    public string? Uid { get; init; }

    public bool? Controller { get; init; }

    public bool? BlockOwnerDeletion { get; init; }
}
