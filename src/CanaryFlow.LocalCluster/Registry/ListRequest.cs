using CanaryFlow.Kubernetes.Fields;
using CanaryFlow.Kubernetes.Labels;
using CanaryFlow.LocalCluster.Storage;

namespace CanaryFlow.LocalCluster.Registry;

/// <summary>The list options the registry needs (already parsed from the query string).</summary>
public sealed record ListRequest
{
    public string? Namespace { get; init; }
    public LabelSelector Labels { get; init; } = LabelSelector.Everything;
    public FieldSelector Fields { get; init; } = FieldSelector.Everything;
    public long? Limit { get; init; }
    public string? Continue { get; init; }
    public string? ResourceVersion { get; init; }
    public string? ResourceVersionMatch { get; init; }
}

/// <summary>One page of a list, read at <see cref="Revision"/>.</summary>
public sealed record ListPage(IReadOnlyList<StoredObject> Items, long Revision, string? Continue, long? RemainingItemCount);
