using System.Collections.Concurrent;
using System.Globalization;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Controller.Rollouts;

/// <summary>
/// The Rollouts this controller wrote last, as the API server returned them. The informer's copy can lag behind our
/// own status write; deciding from the older copy would repeat the transitions (and Events) of the last reconcile.
/// So a reconcile uses whichever copy is newer by resourceVersion.
/// </summary>
public sealed class RecentRollouts
{
    private readonly ConcurrentDictionary<(string Namespace, string Name), Rollout> _written = new();

    public void Remember(Rollout written)
    {
        ArgumentNullException.ThrowIfNull(written);
        _written[(written.Metadata.Namespace ?? "", written.Metadata.Name ?? "")] = written;
    }

    public void Forget(string ns, string name) => _written.TryRemove((ns, name), out _);

    /// <summary>The newer of the cached object and the one we wrote; once the cache caught up, ours is dropped.</summary>
    public Rollout Newest(Rollout cached)
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
            _written.TryRemove(new KeyValuePair<(string, string), Rollout>(key, written));
            return cached;
        }

        return written;
    }

    public int Count => _written.Count;

    private static bool IsNewer(Rollout written, Rollout cached) =>
        long.TryParse(written.Metadata.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var ours)
        && long.TryParse(cached.Metadata.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var theirs)
        && ours > theirs;
}
