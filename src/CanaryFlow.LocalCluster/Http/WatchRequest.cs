using CanaryFlow.Kubernetes.Fields;
using CanaryFlow.Kubernetes.Labels;

namespace CanaryFlow.LocalCluster.Http;

/// <summary>The parameters of a watch request.</summary>
public sealed record WatchRequest
{
    public string? Namespace { get; init; }
    public LabelSelector Labels { get; init; } = LabelSelector.Everything;
    public FieldSelector Fields { get; init; } = FieldSelector.Everything;
    public string? ResourceVersion { get; init; }
    public string? ResourceVersionMatch { get; init; }
    public bool AllowBookmarks { get; init; }
    public bool SendInitialEvents { get; init; }
    public long? TimeoutSeconds { get; init; }
}
