using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Storage;

namespace CanaryFlow.LocalCluster.Simulation;

/// <summary>Where an object lives: its storage resource and key.</summary>
internal readonly record struct ObjectLocation(string Storage, ObjectKey Key);

/// <summary>
/// Who owns whom, kept up to date from every commit, so the simulated controllers find an object's dependents
/// (and an object by uid) without scanning the store: their cost follows the changes, not the cluster's size.
/// </summary>
internal sealed class OwnerIndex
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ObjectLocation> _byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<ObjectLocation>> _dependents = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectLocation, string[]> _owners = [];

    public OwnerIndex(ObjectStore store) => store.AddCommitListener(OnCommitted);

    public ObjectLocation? Locate(string uid)
    {
        lock (_lock)
        {
            return _byUid.TryGetValue(uid, out var location) ? location : null;
        }
    }

    public IReadOnlyList<ObjectLocation> DependentsOf(string uid)
    {
        lock (_lock)
        {
            return _dependents.TryGetValue(uid, out var set) ? [.. set] : [];
        }
    }

    public static IReadOnlyList<JsonObject> OwnerReferences(StoredObject obj) =>
        obj.Object.MetadataOrNull()?.GetArray("ownerReferences")?.OfType<JsonObject>().ToList() ?? [];

    private void OnCommitted(StoreEvent e)
    {
        var location = new ObjectLocation(e.StorageResource, new ObjectKey(e.Object.Namespace, e.Object.Name));
        lock (_lock)
        {
            if (_owners.Remove(location, out var previous))
            {
                foreach (var owner in previous)
                {
                    if (_dependents.TryGetValue(owner, out var set) && set.Remove(location) && set.Count == 0)
                    {
                        _dependents.Remove(owner);
                    }
                }
            }

            if (e.Type == StoreEventType.Deleted)
            {
                if (e.Object.Uid is { } gone && _byUid.TryGetValue(gone, out var at) && at == location)
                {
                    _byUid.Remove(gone);
                }

                return;
            }

            if (e.Object.Uid is { } uid)
            {
                _byUid[uid] = location;
            }

            var owners = OwnerReferences(e.Object).Select(r => r.GetString("uid")).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
            if (owners.Length == 0)
            {
                return;
            }

            _owners[location] = owners;
            foreach (var owner in owners)
            {
                if (!_dependents.TryGetValue(owner, out var set))
                {
                    set = [];
                    _dependents[owner] = set;
                }

                set.Add(location);
            }
        }
    }
}
