namespace CanaryFlow.Kubernetes.Events;

/// <summary>
/// A map that keeps at most <c>capacity</c> entries, forgetting the least recently used one to make room. Not
/// thread-safe: its owner serialises access.
/// </summary>
internal sealed class LruCache<TKey, TValue>
    where TKey : notnull
{
    private readonly int _capacity;
    private readonly Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>> _entries;
    private readonly LinkedList<KeyValuePair<TKey, TValue>> _recency = new();

    public LruCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _entries = new Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>>(capacity);
    }

    public int Count => _entries.Count;

    /// <summary>Looks the key up and, when found, marks it as the most recently used.</summary>
    public bool TryGetValue(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var node))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            value = node.Value.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Adds or replaces the value as the most recently used, evicting the least recently used when full.</summary>
    public void Set(TKey key, TValue value)
    {
        if (_entries.TryGetValue(key, out var existing))
        {
            _recency.Remove(existing);
        }
        else if (_entries.Count == _capacity)
        {
            var oldest = _recency.Last!;
            _recency.RemoveLast();
            _entries.Remove(oldest.Value.Key);
        }

        _entries[key] = _recency.AddFirst(KeyValuePair.Create(key, value));
    }
}
