using System.Collections.Concurrent;
using System.Globalization;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Controller.Caching;

/// <summary>
/// The objects this controller wrote last, as the API server returned them. The informer's copy can lag behind our
/// own write; deciding from the older copy would repeat the work (and Events) of the last reconcile. So a reconcile
/// uses whichever copy is newer by resourceVersion.
/// </summary>
public sealed class RecentWrites<T>
    where T : class, IKubernetesObject
{
    private readonly ConcurrentDictionary<(string Namespace, string Name), T> _written = new();

    public void Remember(T written)
    {
        ArgumentNullException.ThrowIfNull(written);
        _written[(written.Metadata.Namespace ?? "", written.Metadata.Name ?? "")] = written;
    }

    public void Forget(string ns, string name) => _written.TryRemove((ns, name), out _);

    /// <summary>The newer of the cached object and the one we wrote; once the cache caught up, ours is dropped.</summary>
    public T Newest(T cached)
    {
        ArgumentNullException.ThrowIfNull(cached);
        var key = (cached.Metadata.Namespace ?? "", cached.Metadata.Name ?? "");
        if (!_written.TryGetValue(key, out var written))
        {
            return cached;
        }

        if (written.Metadata.Uid != cached.Metadata.Uid || !IsNewer(written, cached))
        {
            // resourceVersions are opaque; only when both parse as numbers (as etcd's do) is ours trusted to be newer.
            _written.TryRemove(new KeyValuePair<(string, string), T>(key, written));
            return cached;
        }

        return written;
    }

    /// <summary>Our last write of an object the cache does not have (yet): one just created.</summary>
    public T? Find(string ns, string name) => _written.GetValueOrDefault((ns, name));

    /// <summary>What we wrote and the cache has not shown yet (e.g. an object just created), in a namespace.</summary>
    public IReadOnlyList<T> Pending(string ns) => [.. _written.Where(w => w.Key.Namespace == ns).Select(w => w.Value)];

    public int Count => _written.Count;

    private static bool IsNewer(T written, T cached) =>
        long.TryParse(written.Metadata.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var ours)
        && long.TryParse(cached.Metadata.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var theirs)
        && ours > theirs;
}
