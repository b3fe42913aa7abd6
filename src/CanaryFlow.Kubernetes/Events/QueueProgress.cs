namespace CanaryFlow.Kubernetes.Events;

/// <summary>
/// Tracks the writes in progress (queued or being written), so a flush can wait for exactly the events recorded before
/// it. Several writers finish writes in any order, so each write has a ticket and a flush waits until no write with a
/// ticket up to the last one issued before it is left. A repeat folded into a write in progress needs no ticket of its
/// own: that write is not finished until it has written the repeat too.
/// </summary>
internal sealed class QueueProgress
{
    private readonly Lock _lock = new();
    private readonly SortedSet<long> _outstanding = [];
    private readonly List<(long Ticket, TaskCompletionSource Done)> _waiters = [];
    private long _lastTicket;
    private bool _released;

    public long Pending
    {
        get
        {
            lock (_lock)
            {
                return _outstanding.Count;
            }
        }
    }

    /// <summary>A write starts (is queued); returns its ticket for <see cref="Finished"/>.</summary>
    public long Started()
    {
        lock (_lock)
        {
            var ticket = ++_lastTicket;
            _outstanding.Add(ticket);
            return ticket;
        }
    }

    /// <summary>The write is done, written or given up on.</summary>
    public void Finished(long ticket)
    {
        lock (_lock)
        {
            _outstanding.Remove(ticket);
            var oldest = _outstanding.Count == 0 ? long.MaxValue : _outstanding.Min;
            _waiters.RemoveAll(waiter =>
            {
                if (waiter.Ticket >= oldest)
                {
                    return false;
                }

                waiter.Done.TrySetResult();
                return true;
            });
        }
    }

    /// <summary>Completes when every write started so far is finished, or when the writers have stopped.</summary>
    public Task WhenProcessedAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource done;
        lock (_lock)
        {
            if (_released || _outstanding.Count == 0 || _outstanding.Min > _lastTicket)
            {
                return Task.CompletedTask;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((_lastTicket, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The writers have stopped: nothing more will be finished, so nobody should wait for it.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _released = true;
            foreach (var waiter in _waiters)
            {
                waiter.Done.TrySetResult();
            }

            _waiters.Clear();
        }
    }
}
