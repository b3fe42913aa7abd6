using System.Collections.Immutable;

namespace CanaryFlow.LocalCluster.Storage;

/// <summary>Every table at one revision; swapped atomically on commit so readers always see a consistent state.</summary>
public sealed record StoreState(ImmutableDictionary<string, ResourceTable> Tables, long Revision)
{
    public ResourceTable Table(string storageResource) =>
        Tables.TryGetValue(storageResource, out var table) ? table : ResourceTable.Empty;
}
