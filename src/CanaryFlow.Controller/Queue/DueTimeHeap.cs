namespace CanaryFlow.Controller.Queue;

/// <summary>
/// Keys waiting for a due time, earliest first, one due time per key (an earlier one replaces a later one). Not
/// thread-safe: the work queue calls it under its lock.
/// </summary>
internal sealed class DueTimeHeap<TKey>(IEqualityComparer<TKey> comparer)
    where TKey : notnull
{
    // Stale heap entries (superseded or removed keys) are skipped lazily; past this many per live key the heap is
    // rebuilt, so a key that is rescheduled over and over cannot grow it without bound.
    private const int _maxStaleRatio = 2;
    private const int _minCompactionSize = 64;

    private readonly Dictionary<TKey, DateTimeOffset> _dueTimes = new(comparer);
    private readonly PriorityQueue<TKey, DateTimeOffset> _heap = new();

    /// <summary>Keys waiting.</summary>
    public int Count => _dueTimes.Count;

    /// <summary>Heap entries, stale ones included: for tests of compaction.</summary>
    internal int HeapSize => _heap.Count;

    /// <summary>Schedules <paramref name="key"/> at <paramref name="dueTime"/> unless it already waits for an earlier or equal time.</summary>
    /// <returns>Whether the key's due time changed.</returns>
    public bool Schedule(TKey key, DateTimeOffset dueTime)
    {
        if (_dueTimes.TryGetValue(key, out var existing) && existing <= dueTime)
        {
            return false;
        }

        _dueTimes[key] = dueTime;
        _heap.Enqueue(key, dueTime);
        CompactIfMostlyStale();
        return true;
    }

    public void Remove(TKey key)
    {
        if (_dueTimes.Remove(key))
        {
            CompactIfMostlyStale();
        }
    }

    public bool TryPeekEarliest(out DateTimeOffset dueTime)
    {
        DropStaleHead();
        return _heap.TryPeek(out _, out dueTime);
    }

    /// <summary>Takes the key with the earliest due time if that time is at or before <paramref name="now"/>.</summary>
    public bool TryTakeDue(DateTimeOffset now, out TKey key)
    {
        DropStaleHead();
        if (_heap.TryPeek(out key!, out var dueTime) && dueTime <= now)
        {
            _heap.Dequeue();
            _dueTimes.Remove(key);
            return true;
        }

        key = default!;
        return false;
    }

    private void DropStaleHead()
    {
        while (_heap.TryPeek(out var key, out var dueTime) && !IsCurrent(key, dueTime))
        {
            _heap.Dequeue();
        }
    }

    private bool IsCurrent(TKey key, DateTimeOffset dueTime) => _dueTimes.TryGetValue(key, out var current) && current == dueTime;

    private void CompactIfMostlyStale()
    {
        if (_heap.Count < _minCompactionSize || _heap.Count <= _maxStaleRatio * _dueTimes.Count)
        {
            return;
        }

        _heap.Clear();
        foreach (var (key, dueTime) in _dueTimes)
        {
            _heap.Enqueue(key, dueTime);
        }
    }
}
