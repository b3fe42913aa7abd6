namespace CanaryFlow.LocalCluster.Storage;

/// <summary>
/// The bounded window of recent events of one storage resource (the watch cache's history). A watch may start
/// from any revision at or after <see cref="StartRevision"/>; older ones get 410 Expired.
/// </summary>
internal sealed class WatchHistory
{
    private readonly StoreEvent[] _ring;
    private int _start;
    private int _count;

    public WatchHistory(int capacity, long startRevision)
    {
        _ring = new StoreEvent[Math.Max(1, capacity)];
        StartRevision = startRevision;
    }

    /// <summary>Every event with a revision greater than this is retained.</summary>
    public long StartRevision { get; private set; }

    public void Append(StoreEvent e)
    {
        if (_count == _ring.Length)
        {
            StartRevision = _ring[_start].ResourceVersion;
            _ring[_start] = e;
            _start = (_start + 1) % _ring.Length;
        }
        else
        {
            _ring[(_start + _count) % _ring.Length] = e;
            _count++;
        }
    }

    /// <summary>Forgets everything up to <paramref name="revision"/>, like an etcd compaction.</summary>
    public void Compact(long revision)
    {
        while (_count > 0 && _ring[_start].ResourceVersion <= revision)
        {
            _ring[_start] = null!;
            _start = (_start + 1) % _ring.Length;
            _count--;
        }

        StartRevision = Math.Max(StartRevision, revision);
    }

    /// <summary>Events with a revision greater than <paramref name="revision"/>, oldest first.</summary>
    public List<StoreEvent> After(long revision)
    {
        var result = new List<StoreEvent>();
        var lo = 0;
        var hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_ring[(_start + mid) % _ring.Length].ResourceVersion <= revision)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = lo; i < _count; i++)
        {
            result.Add(_ring[(_start + i) % _ring.Length]);
        }

        return result;
    }
}
