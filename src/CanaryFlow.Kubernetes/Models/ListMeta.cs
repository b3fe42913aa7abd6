namespace CanaryFlow.Kubernetes.Models;

/// <summary>metav1.ListMeta: the metadata of a list response and of a <see cref="Status"/>.</summary>
public sealed record ListMeta : KubernetesRecord
{
    /// <summary>The store revision the list was read at, where a following watch starts.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Opaque token for the next page; absent on the last one.</summary>
    public string? Continue { get; init; }

    /// <summary>An estimate only, and absent when a selector was used.</summary>
    public long? RemainingItemCount { get; init; }
}
