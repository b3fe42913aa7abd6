using CanaryFlow.LocalCluster.Storage;

namespace CanaryFlow.LocalCluster.Registry;

/// <summary>
/// Which manager owns which leaf paths of an object, kept beside the store (LocalCluster does not publish
/// managedFields). Only objects that have been applied to are tracked: fields set before the first apply
/// belong to nobody, like the real server's "before-first-apply" entry, and never conflict.
/// </summary>
internal sealed class FieldOwnership
{
    private readonly Dictionary<(string Storage, ObjectKey Key), Entry> _entries = [];

    private sealed record Entry(string Uid, Dictionary<string, HashSet<string>> Managers, HashSet<string> Appliers);

    public Dictionary<string, HashSet<string>>? Get(string storage, ObjectKey key, string uid) =>
        _entries.TryGetValue((storage, key), out var entry) && entry.Uid == uid ? entry.Managers : null;

    public void Record(string storage, ObjectKey key, string uid, string manager, IReadOnlySet<string> paths, bool exclusive)
    {
        if (!_entries.TryGetValue((storage, key), out var entry) || entry.Uid != uid)
        {
            entry = new Entry(uid, new Dictionary<string, HashSet<string>>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
            _entries[(storage, key)] = entry;
        }

        entry.Appliers.Add(manager);

        if (exclusive)
        {
            foreach (var (other, owned) in entry.Managers)
            {
                if (other != manager)
                {
                    owned.ExceptWith(paths);
                }
            }
        }

        entry.Managers[manager] = [.. paths];
    }

    /// <summary>A non-apply write takes the fields it changed from everyone else.</summary>
    public void RecordUpdate(string storage, ObjectKey key, string uid, string manager, IReadOnlySet<string> changed)
    {
        if (changed.Count == 0 || Get(storage, key, uid) is not { } managers)
        {
            return;
        }

        foreach (var owned in managers.Values)
        {
            owned.ExceptWith(changed);
        }

        if (!managers.TryGetValue(manager, out var mine))
        {
            mine = new HashSet<string>(StringComparer.Ordinal);
            managers[manager] = mine;
        }

        mine.UnionWith(changed);
    }

    /// <summary>Whether the manager's fields came from an apply (conflict messages name update managers with their API version).</summary>
    public bool IsApplier(string storage, ObjectKey key, string manager) =>
        _entries.TryGetValue((storage, key), out var entry) && entry.Appliers.Contains(manager);

    public void Forget(string storage, ObjectKey key) => _entries.Remove((storage, key));
}
