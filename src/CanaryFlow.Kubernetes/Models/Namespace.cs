namespace CanaryFlow.Kubernetes.Models;

/// <summary>core/v1 Namespace.</summary>
public sealed record Namespace() : KubernetesObject("v1", "Namespace")
{
    public NamespaceSpec? Spec { get; init; }

    public NamespaceStatus? Status { get; init; }
}

/// <summary>core/v1 NamespaceSpec; its finalizers (usually <c>kubernetes</c>) are not those of metadata.</summary>
public sealed record NamespaceSpec : KubernetesRecord
{
    public IReadOnlyList<string>? Finalizers { get; init; }
}

public sealed record NamespaceStatus : KubernetesRecord
{
    /// <summary>Active, or Terminating while its contents are deleted (creates in it then fail with 403).</summary>
    public string? Phase { get; init; }
}
