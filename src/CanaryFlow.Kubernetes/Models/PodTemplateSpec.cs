namespace CanaryFlow.Kubernetes.Models;

/// <summary>
/// core/v1 PodTemplateSpec. The controller copies a user's template into ReplicaSets, so everything it does not model
/// (volumes, affinity, probes, fields newer than this code) must come through untouched: every record on the way
/// down keeps unknown members in its extension data.
/// </summary>
public sealed record PodTemplateSpec : KubernetesRecord
{
    public ObjectMeta? Metadata { get; init; }

    public PodSpec? Spec { get; init; }
}

/// <summary>
/// core/v1 PodSpec, modelled only as far as the controller looks into it; volumes, affinity, tolerations, security
/// contexts and the rest live in <see cref="ExtensionData"/>.
/// </summary>
public sealed record PodSpec : KubernetesRecord
{
    public IReadOnlyList<Container>? InitContainers { get; init; }

    public IReadOnlyList<Container>? Containers { get; init; }

    public string? RestartPolicy { get; init; }

    public long? TerminationGracePeriodSeconds { get; init; }

    public string? ServiceAccountName { get; init; }

    public string? NodeName { get; init; }
}
