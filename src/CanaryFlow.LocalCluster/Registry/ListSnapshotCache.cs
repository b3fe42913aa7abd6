using CanaryFlow.LocalCluster.Storage;

namespace CanaryFlow.LocalCluster.Registry;

/// <summary>
/// Snapshots that paged lists continue from (etcd keeps old revisions until compaction). A continue token whose
/// snapshot has expired gets 410 Expired, as on a real server after compaction.
/// </summary>
internal sealed class ListSnapshotCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Storage, long Revision), (ResourceTable Table, DateTimeOffset Expires)> _snapshots = [];
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;

    public ListSnapshotCache(TimeProvider clock, TimeSpan lifetime)
    {
        _clock = clock;
        _lifetime = lifetime;
    }

    public void Remember(string storage, long revision, ResourceTable table)
    {
        lock (_lock)
        {
            Expire();
            _snapshots[(storage, revision)] = (table, _clock.GetUtcNow() + _lifetime);
        }
    }

    public ResourceTable? Find(string storage, long revision)
    {
        lock (_lock)
        {
            Expire();
            return _snapshots.TryGetValue((storage, revision), out var entry) ? entry.Table : null;
        }
    }

    /// <summary>Drops every snapshot (a test hook: the next continue gets 410).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _snapshots.Clear();
        }
    }

    private void Expire()
    {
        var now = _clock.GetUtcNow();
        foreach (var key in _snapshots.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
        {
            _snapshots.Remove(key);
        }
    }
}
