namespace CanaryFlow.Kubernetes.Events;

/// <summary>
/// Counts events into and out of the queue, so a flush can wait for exactly the events recorded before it. The queue
/// is first in, first out with one writer: n events processed means the first n are done.
/// </summary>
internal sealed class QueueProgress
{
    private readonly Lock _lock = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _waiters = [];
    private long _enqueued;
    private long _processed;
    private bool _released;

    public long Pending
    {
        get
        {
            lock (_lock)
            {
                return Math.Max(0, _enqueued - _processed);
            }
        }
    }

    public void Enqueued()
    {
        lock (_lock)
        {
            _enqueued++;
        }
    }

    public void Processed(long count = 1)
    {
        lock (_lock)
        {
            _processed += count;
            _waiters.RemoveAll(waiter =>
            {
                if (waiter.Target > _processed)
                {
                    return false;
                }

                waiter.Done.TrySetResult();
                return true;
            });
        }
    }

    /// <summary>Completes when every event enqueued so far is processed, or when the writer has stopped.</summary>
    public Task WhenProcessedAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource done;
        lock (_lock)
        {
            if (_released || _processed >= _enqueued)
            {
                return Task.CompletedTask;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((_enqueued, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The writer has stopped: nothing more will be processed, so nobody should wait for it.</summary>
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
