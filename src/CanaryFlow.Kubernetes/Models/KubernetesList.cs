namespace CanaryFlow.Kubernetes.Models;

/// <summary>
/// A list response (<c>PodList</c>, <c>WidgetList</c>, …). Items of built-in lists carry no kind or apiVersion on
/// the wire; the typed item records fill in their own defaults.
/// </summary>
public sealed record KubernetesList<T> : KubernetesRecord
{
    // Backing fields keep metadata and items non-null when the JSON lacks them (see KubernetesObject).
    private readonly ListMeta _metadata = new();
    private readonly IReadOnlyList<T> _items = [];

    public string? ApiVersion { get; init; }

    public string? Kind { get; init; }

    public ListMeta Metadata
    {
        get => _metadata;
        init => _metadata = value ?? new();
    }

    /// <summary>Never null; an empty list is <c>[]</c> on the wire.</summary>
    public IReadOnlyList<T> Items
    {
        get => _items;
        init => _items = value ?? [];
    }
}
