using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Storage;

/// <summary>Writes of one serial transaction. Each write takes the next revision, as separate etcd writes do.</summary>
public sealed class StoreTransaction
{
    private readonly List<StoreEvent> _events = [];

    internal StoreTransaction(StoreState state) => State = state;

    internal StoreState State { get; private set; }

    internal IReadOnlyList<StoreEvent> Events => _events;

    public long Revision => State.Revision;

    public StoredObject? Get(string storageResource, ObjectKey key) => State.Table(storageResource).Get(key);

    public ResourceTable Table(string storageResource) => State.Table(storageResource);

    /// <summary>Stores <paramref name="canonical"/> (which the store takes ownership of) under the next revision.</summary>
    public StoredObject Put(string storageResource, JsonObject canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        var revision = State.Revision + 1;
        var stored = StoredObject.Create(canonical, revision);
        var table = State.Table(storageResource);
        var previous = table.Get(new ObjectKey(stored.Namespace, stored.Name));
        State = new StoreState(State.Tables.SetItem(storageResource, table.Put(stored)), revision);
        _events.Add(new StoreEvent(storageResource, previous is null ? StoreEventType.Added : StoreEventType.Modified, stored, previous));
        return stored;
    }

    /// <summary>Removes an object; returns its last state carrying the deletion revision, or null when absent.</summary>
    public StoredObject? Delete(string storageResource, ObjectKey key)
    {
        var table = State.Table(storageResource);
        var previous = table.Get(key);
        if (previous is null)
        {
            return null;
        }

        var revision = State.Revision + 1;
        var deleted = previous.WithResourceVersion(revision);
        State = new StoreState(State.Tables.SetItem(storageResource, table.Remove(key)), revision);
        _events.Add(new StoreEvent(storageResource, StoreEventType.Deleted, deleted, previous));
        return deleted;
    }
}
