namespace CanaryFlow.Kubernetes.Models;

/// <summary>core/v1 ObjectReference: what an event is about (<c>regarding</c>, <c>involvedObject</c>, <c>related</c>).</summary>
public sealed record ObjectReference : KubernetesRecord
{
    public string? ApiVersion { get; init; }

    public string? Kind { get; init; }

    public string? Namespace { get; init; }

    public string? Name { get; init; }

    public string? Uid { get; init; }

    public string? ResourceVersion { get; init; }

    /// <summary>Points into the object, e.g. <c>spec.containers{web}</c>.</summary>
    public string? FieldPath { get; init; }
}
