using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Storage;

namespace CanaryFlow.LocalCluster.Strategies;

/// <summary>What a strategy may consult while one write is being prepared (inside the store's transaction).</summary>
public sealed class WriteContext
{
    public required TimeProvider Clock { get; init; }
    public required StoreTransaction Transaction { get; init; }
    public required ResourceDescriptor Descriptor { get; init; }
    public required ResourceRegistry Registry { get; init; }

    /// <summary>Warnings returned to the client as <c>Warning: 299</c> headers.</summary>
    public List<string> Warnings { get; } = [];

    public DateTimeOffset Now => Clock.GetUtcNow();

    public string NowText => KubernetesTime.Format(Now);
}
