using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>core/v1 Pod, read to judge the health of canary pods.</summary>
public sealed record Pod() : KubernetesObject("v1", "Pod")
{
    public PodSpec? Spec { get; init; }

    public PodStatus? Status { get; init; }
}

public sealed record PodStatus : KubernetesRecord
{
    /// <summary>Pending, Running, Succeeded, Failed or Unknown.</summary>
    public string? Phase { get; init; }

    public IReadOnlyList<PodCondition>? Conditions { get; init; }

    public string? Message { get; init; }

    public string? Reason { get; init; }

    [JsonPropertyName("hostIP")]
    public string? HostIP { get; init; }

    [JsonPropertyName("podIP")]
    public string? PodIP { get; init; }

    [JsonConverter(typeof(TimeJsonConverter))]
    public DateTimeOffset? StartTime { get; init; }

    public IReadOnlyList<ContainerStatus>? InitContainerStatuses { get; init; }

    public IReadOnlyList<ContainerStatus>? ContainerStatuses { get; init; }

    public long? ObservedGeneration { get; init; }
}

/// <summary>core/v1 PodCondition: PodScheduled, Initialized, ContainersReady, Ready, …</summary>
public sealed record PodCondition : KubernetesRecord
{
    public string? Type { get; init; }

    public string? Status { get; init; }

    public long? ObservedGeneration { get; init; }

    [JsonConverter(typeof(TimeJsonConverter))]
    public DateTimeOffset? LastProbeTime { get; init; }

    [JsonConverter(typeof(TimeJsonConverter))]
    public DateTimeOffset? LastTransitionTime { get; init; }

    public string? Reason { get; init; }

    public string? Message { get; init; }
}

/// <summary>
/// core/v1 ContainerStatus, the few fields health checks need; <c>state</c> and <c>lastState</c> stay in
/// <see cref="ExtensionData"/>.
/// </summary>
public sealed record ContainerStatus : KubernetesRecord
{
    public string? Name { get; init; }

    public bool? Ready { get; init; }

    public bool? Started { get; init; }

    public int? RestartCount { get; init; }

    public string? Image { get; init; }

    [JsonPropertyName("imageID")]
    public string? ImageId { get; init; }

    [JsonPropertyName("containerID")]
    public string? ContainerId { get; init; }
}
