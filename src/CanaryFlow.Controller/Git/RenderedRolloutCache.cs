namespace CanaryFlow.Controller.Git;

/// <summary>
/// The Rollouts rendered per (commit, path), least recently used evicted first. A commit never changes, so an entry
/// is never stale; the bound only keeps a long-running controller's memory flat.
/// </summary>
internal sealed class RenderedRolloutCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Commit, string Path), LinkedListNode<((string Commit, string Path) Key, RolloutManifests Value)>> _entries = [];
    private readonly LinkedList<((string Commit, string Path) Key, RolloutManifests Value)> _recency = new();
    private readonly int _capacity;

    public RenderedRolloutCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(string commit, string path, out RolloutManifests manifests)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue((commit, path), out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                manifests = node.Value.Value;
                return true;
            }
        }

        manifests = null!;
        return false;
    }

    public void Add(string commit, string path, RolloutManifests manifests)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue((commit, path), out var existing))
            {
                _recency.Remove(existing);
            }

            _entries[(commit, path)] = _recency.AddFirst(((commit, path), manifests));
            while (_entries.Count > _capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }
        }
    }
}
