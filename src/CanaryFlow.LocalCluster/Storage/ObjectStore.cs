using System.Collections.Immutable;

namespace CanaryFlow.LocalCluster.Storage;

/// <summary>
/// The etcd of LocalCluster: one global, strictly increasing revision counter shared by every resource, serial
/// writes, lock-free consistent reads, a bounded event history per resource and the open watches.
/// </summary>
public sealed class ObjectStore
{
    private readonly Lock _writeLock = new();
    private readonly Dictionary<string, WatchHistory> _histories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImmutableArray<Watcher>> _watchers = new(StringComparer.Ordinal);
    private readonly int _historyCapacity;
    private readonly List<Action<StoreEvent>> _commitListeners = [];
    private StoreState _state;

    public ObjectStore(long initialRevision, int historyCapacity)
    {
        _state = new StoreState(ImmutableDictionary.Create<string, ResourceTable>(StringComparer.Ordinal), initialRevision);
        _historyCapacity = historyCapacity;
    }

    /// <summary>The current state; a consistent snapshot of every table at <see cref="StoreState.Revision"/>.</summary>
    public StoreState State => Volatile.Read(ref _state);

    public long Revision => State.Revision;

    /// <summary>Runs <paramref name="action"/> as one serial transaction; nothing is committed if it throws.</summary>
    public T Write<T>(Func<StoreTransaction, T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_writeLock)
        {
            var tx = new StoreTransaction(_state);
            var result = action(tx);
            Commit(tx);
            return result;
        }
    }

    public void Write(Action<StoreTransaction> action) => Write<object?>(tx =>
    {
        action(tx);
        return null;
    });

    /// <summary>
    /// Opens a watch. With <paramref name="fromRevision"/> null the watcher starts at the current state and
    /// <see cref="WatchStart.Initial"/> holds the matching objects to send as ADDED first; otherwise the events
    /// after that revision are replayed, or <see cref="WatchStart.Expired"/> is set when they are gone.
    /// </summary>
    public WatchStart OpenWatch(string storageResource, string? @namespace, Func<StoredObject, bool> matches, long? fromRevision, int capacity)
    {
        lock (_writeLock)
        {
            var history = History(storageResource);
            var watcher = new Watcher(storageResource, @namespace, matches, capacity);
            IReadOnlyList<StoredObject> initial = [];
            if (fromRevision is null)
            {
                initial = _state.Table(storageResource).Enumerate(@namespace).Where(watcher.Matches).ToList();
            }
            else if (fromRevision.Value < history.StartRevision)
            {
                return new WatchStart(null, [], _state.Revision, Expired: true, OldestRevision: history.StartRevision);
            }
            else
            {
                foreach (var e in history.After(fromRevision.Value))
                {
                    watcher.Offer(e);
                }
            }

            _watchers[storageResource] = Watchers(storageResource).Add(watcher);
            return new WatchStart(watcher, initial, _state.Revision, Expired: false, OldestRevision: history.StartRevision);
        }
    }

    /// <summary>
    /// Registers code that must see every committed change before the write returns (CRD registration). It runs
    /// under the write lock, so it must be quick and must not write to the store.
    /// </summary>
    public void AddCommitListener(Action<StoreEvent> listener)
    {
        lock (_writeLock)
        {
            _commitListeners.Add(listener);
        }
    }

    public void CloseWatch(Watcher watcher)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        lock (_writeLock)
        {
            _watchers[watcher.StorageResource] = Watchers(watcher.StorageResource).Remove(watcher);
        }

        watcher.Close();
    }

    /// <summary>Queues a bookmark at the current revision: everything before it has already been queued to the watcher.</summary>
    public void SendBookmark(Watcher watcher, bool initialEventsEnd = false)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        lock (_writeLock)
        {
            watcher.Write(new WatchMessage(WatchMessageType.Bookmark, null, _state.Revision, InitialEventsEnd: initialEventsEnd));
        }
    }

    /// <summary>Forgets the event history up to now: any watch from an older revision gets 410 Expired.</summary>
    public void CompactHistory()
    {
        lock (_writeLock)
        {
            foreach (var history in _histories.Values)
            {
                history.Compact(_state.Revision);
            }
        }
    }

    /// <summary>The oldest revision a watch of this resource may start from.</summary>
    public long HistoryStart(string storageResource)
    {
        lock (_writeLock)
        {
            return History(storageResource).StartRevision;
        }
    }

    private void Commit(StoreTransaction tx)
    {
        if (tx.Events.Count == 0)
        {
            return;
        }

        Volatile.Write(ref _state, tx.State);
        foreach (var e in tx.Events)
        {
            History(e.StorageResource).Append(e);
            foreach (var watcher in Watchers(e.StorageResource))
            {
                watcher.Offer(e);
            }

            foreach (var listener in _commitListeners)
            {
                listener(e);
            }
        }
    }

    private WatchHistory History(string storageResource)
    {
        if (!_histories.TryGetValue(storageResource, out var history))
        {
            // A resource nobody wrote yet has a complete history from the current revision on.
            history = new WatchHistory(_historyCapacity, _state.Revision);
            _histories[storageResource] = history;
        }

        return history;
    }

    private ImmutableArray<Watcher> Watchers(string storageResource) =>
        _watchers.TryGetValue(storageResource, out var list) ? list : [];
}

/// <summary>How a watch starts: the watcher (null when expired), the objects to announce first, and the revision.</summary>
public sealed record WatchStart(Watcher? Watcher, IReadOnlyList<StoredObject> Initial, long Revision, bool Expired, long OldestRevision);
