using System.Collections.Immutable;

namespace CanaryFlow.LocalCluster.Registry;

/// <summary>
/// The resources the server currently serves. Built-in kinds are registered at start; CRDs add and remove theirs
/// while the server runs, so reads go through an immutable snapshot swapped on every change.
/// </summary>
public sealed class ResourceRegistry
{
    private readonly Lock _lock = new();
    private ImmutableList<ResourceDescriptor> _all = [];
    private ImmutableDictionary<(string Group, string Version, string Resource), ResourceDescriptor> _byPath =
        ImmutableDictionary<(string, string, string), ResourceDescriptor>.Empty;

    /// <summary>Bumped on every change, so cached discovery and OpenAPI documents know when to rebuild.</summary>
    public long Generation { get; private set; }

    public IReadOnlyList<ResourceDescriptor> All => Volatile.Read(ref _all);

    public ResourceDescriptor? Find(string group, string version, string resource) =>
        Volatile.Read(ref _byPath).GetValueOrDefault((group, version, resource));

    public IReadOnlyList<ResourceDescriptor> ForStorage(string storageResource) =>
        All.Where(d => d.StorageResource == storageResource).ToList();

    public void Register(ResourceDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        lock (_lock)
        {
            var key = (descriptor.Group, descriptor.Version, descriptor.Resource);
            var existing = _byPath.GetValueOrDefault(key);
            _all = existing is null ? _all.Add(descriptor) : _all.Replace(existing, descriptor);
            _byPath = _byPath.SetItem(key, descriptor);
            Generation++;
        }
    }

    /// <summary>Replaces every version of a storage resource at once (a CRD update may add or drop versions).</summary>
    public void ReplaceStorage(string storageResource, IReadOnlyList<ResourceDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        lock (_lock)
        {
            var all = _all.RemoveAll(d => d.StorageResource == storageResource).AddRange(descriptors);
            _all = all;
            _byPath = all.ToImmutableDictionary(d => (d.Group, d.Version, d.Resource));
            Generation++;
        }
    }

    /// <summary>Groups with their served versions, preferred version first, in discovery order.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups()
    {
        return All
            .GroupBy(d => d.Group)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(d => d.Version).Distinct().OrderBy(v => v, KubeVersionComparer.Instance).ToList()))
            .OrderBy(g => GroupOrder(g.Key))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static int GroupOrder(string group) => group switch
    {
        "" => 0,
        "apps" => 1,
        "events.k8s.io" => 2,
        "autoscaling" => 3,
        "networking.k8s.io" => 4,
        "policy" => 5,
        "rbac.authorization.k8s.io" => 6,
        "coordination.k8s.io" => 7,
        "apiextensions.k8s.io" => 8,
        _ => group.EndsWith(".k8s.io", StringComparison.Ordinal) ? 9 : 10,
    };
}
