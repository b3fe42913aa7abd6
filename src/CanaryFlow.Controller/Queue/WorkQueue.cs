using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CanaryFlow.Controller.Queue;

/// <summary>
/// The controller's queue of keys to reconcile, as client-go's workqueue does it: a key is queued at most once, never
/// reconciled by two workers at once (one added while it runs is run again right after), can be scheduled for an exact
/// time on the injected clock (no polling), and backs off exponentially while it keeps failing. Thread-safe.
/// </summary>
public sealed class WorkQueue<TKey> : IDisposable
    where TKey : notnull
{
    // Timers reject longer delays; a longer wait re-arms when the timer fires.
    private const long _longestTimerDelayMilliseconds = 0xfffffffe;

    private readonly WorkQueueOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();

    // Invariant: _readyCount's count equals _ready.Count, so a worker that got past the semaphore always finds a key.
    private readonly Queue<TKey> _ready = new();
    private readonly SemaphoreSlim _readyCount = new(0);

    // Keys due now: queued in _ready, or (while in _processing) to be queued again when the running reconcile ends.
    private readonly HashSet<TKey> _dirty;
    private readonly HashSet<TKey> _processing;
    private readonly DueTimeHeap<TKey> _delayed;
    private readonly FailureBackoff<TKey> _backoff;
    private readonly ITimer _timer;
    private DateTimeOffset _timerDueTime = DateTimeOffset.MaxValue;
    private bool _disposed;

    public WorkQueue(WorkQueueOptions? options = null, ILogger? logger = null, IEqualityComparer<TKey>? comparer = null)
    {
        _options = options ?? new WorkQueueOptions();
        _options.Validate();
        _clock = _options.Clock;
        _logger = logger ?? NullLogger.Instance;
        comparer ??= EqualityComparer<TKey>.Default;
        _dirty = new HashSet<TKey>(comparer);
        _processing = new HashSet<TKey>(comparer);
        _delayed = new DueTimeHeap<TKey>(comparer);
        _backoff = new FailureBackoff<TKey>(_options.BaseFailureBackoff, _options.MaxFailureBackoff, comparer);
        _timer = _clock.CreateTimer(static state => ((WorkQueue<TKey>)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Keys queued now, waiting for a worker.</summary>
    public int Depth
    {
        get
        {
            lock (_gate)
            {
                return _ready.Count;
            }
        }
    }

    /// <summary>Keys waiting for their due time (a requeue or a failure back-off).</summary>
    public int Delayed
    {
        get
        {
            lock (_gate)
            {
                return _delayed.Count;
            }
        }
    }

    /// <summary>Keys being reconciled now.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _processing.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="key"/> now; a pending delayed requeue of it is superseded.</summary>
    public void Add(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            AddNowLocked(key);
        }
    }

    /// <summary>Queues <paramref name="key"/> after <paramref name="delay"/> (zero or less: now). An earlier due time already set wins.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            AddAtLocked(key, now + delay, now);
        }
    }

    /// <summary>Queues <paramref name="key"/> at <paramref name="dueTime"/> (already past: now). An earlier due time already set wins.</summary>
    public void AddAt(TKey key, DateTimeOffset dueTime)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            AddAtLocked(key, dueTime, _clock.GetUtcNow());
        }
    }

    /// <summary>Counts a failure of <paramref name="key"/> and queues it after its back-off.</summary>
    /// <returns>The back-off applied.</returns>
    public TimeSpan AddRateLimited(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            var delay = _backoff.NextDelay(key);
            var now = _clock.GetUtcNow();
            AddAtLocked(key, now + delay, now);
            return delay;
        }
    }

    /// <summary>Resets the failure back-off of <paramref name="key"/> (after a success).</summary>
    public void Forget(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            _backoff.Forget(key);
        }
    }

    /// <summary>Consecutive failures of <paramref name="key"/> since it was last forgotten.</summary>
    public int Requeues(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            return _backoff.Failures(key);
        }
    }

    /// <summary>
    /// Runs <paramref name="workers"/> workers that reconcile queued keys until <paramref name="cancellationToken"/> is
    /// cancelled. Then no new key is taken; running reconciles get <see cref="WorkQueueOptions.ShutdownTimeout"/> to
    /// finish, after which the token they were given is cancelled and this returns without them. Exceptions from
    /// <paramref name="reconcile"/> are logged and count as failures. Returns normally on cancellation; keys still
    /// queued stay queued for the next run (a new leadership term).
    /// </summary>
    public async Task RunWorkersAsync(int workers, Func<TKey, CancellationToken, Task<ReconcileResult>> reconcile, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentNullException.ThrowIfNull(reconcile);
        ObjectDisposedException.ThrowIf(_disposed, this);

        // Separate from cancellationToken so that stopping stops taking keys without interrupting reconciles in flight.
        var reconcileCancellation = new CancellationTokenSource();
        var loops = new Task[workers];
        for (var i = 0; i < workers; i++)
        {
            loops[i] = Task.Run(() => WorkAsync(reconcile, reconcileCancellation.Token, cancellationToken), CancellationToken.None);
        }

        WorkQueueLog.WorkersStarted(_logger, _options.Name, workers);
        var all = Task.WhenAll(loops);
        try
        {
            await all.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            WorkQueueLog.Draining(_logger, _options.Name, _options.ShutdownTimeout, InFlight);
            try
            {
                await all.WaitAsync(_options.ShutdownTimeout, _clock, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                WorkQueueLog.DeadlinePassed(_logger, _options.Name, _options.ShutdownTimeout, InFlight);
                await reconcileCancellation.CancelAsync().ConfigureAwait(false);

                // Not disposed: the abandoned reconciles still hold its token.
                return;
            }
        }

        reconcileCancellation.Dispose();
        WorkQueueLog.Stopped(_logger, _options.Name);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
        }
    }

    private async Task WorkAsync(Func<TKey, CancellationToken, Task<ReconcileResult>> reconcile, CancellationToken reconcileCancellation, CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                await _readyCount.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }

            if (stopping.IsCancellationRequested)
            {
                // A key arrived as stopping began: leave it, and its count, for the next run.
                _readyCount.Release();
                return;
            }

            var key = TakeReady();
            var result = await ReconcileAsync(key, reconcile, reconcileCancellation).ConfigureAwait(false);
            Complete(key, result.Result, result.Thrown);
        }
    }

    private async Task<(ReconcileResult Result, Exception? Thrown)> ReconcileAsync(
        TKey key, Func<TKey, CancellationToken, Task<ReconcileResult>> reconcile, CancellationToken cancellationToken)
    {
        try
        {
            return (await reconcile(key, cancellationToken).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            WorkQueueLog.ReconcileInterrupted(_logger, key.ToString() ?? "");
            return (ReconcileResult.RequeueAfter(TimeSpan.Zero), null);
        }
#pragma warning disable CA1031 // A reconcile's bug must not kill the worker: it is logged and retried with back-off.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return (ReconcileResult.Failed(exception.Message), exception);
        }
    }

    private TKey TakeReady()
    {
        lock (_gate)
        {
            var key = _ready.Dequeue();
            _dirty.Remove(key);
            _processing.Add(key);
            return key;
        }
    }

    private void Complete(TKey key, ReconcileResult result, Exception? thrown)
    {
        int failures;
        TimeSpan retryDelay;
        lock (_gate)
        {
            _processing.Remove(key);

            // Added while it ran: due now, which is earlier than any requeue the result asks for.
            if (_dirty.Contains(key))
            {
                EnqueueReadyLocked(key);
            }

            var now = _clock.GetUtcNow();
            switch (result.Outcome)
            {
                case ReconcileOutcome.Done:
                    _backoff.Forget(key);
                    return;
                case ReconcileOutcome.Requeue:
                    _backoff.Forget(key);
                    AddAtLocked(key, result.DueTime(now), now);
                    return;
                default:
                    retryDelay = _backoff.NextDelay(key);
                    failures = _backoff.Failures(key);
                    AddAtLocked(key, now + retryDelay, now);
                    break;
            }
        }

        var keyText = key.ToString() ?? "";
        if (thrown is not null)
        {
            WorkQueueLog.ReconcileThrew(_logger, thrown, keyText, failures, retryDelay);
        }
        else
        {
            WorkQueueLog.ReconcileFailed(_logger, keyText, result.FailureReason ?? "", failures, retryDelay);
        }
    }

    private void AddNowLocked(TKey key)
    {
        if (_disposed)
        {
            return;
        }

        _delayed.Remove(key);
        if (_dirty.Add(key) && !_processing.Contains(key))
        {
            EnqueueReadyLocked(key);
        }
    }

    private void AddAtLocked(TKey key, DateTimeOffset dueTime, DateTimeOffset now)
    {
        if (dueTime <= now)
        {
            AddNowLocked(key);
            return;
        }

        // A key due now already has the earliest possible due time.
        if (_disposed || _dirty.Contains(key))
        {
            return;
        }

        if (_delayed.Schedule(key, dueTime))
        {
            ArmTimerLocked(now);
        }
    }

    private void EnqueueReadyLocked(TKey key)
    {
        _ready.Enqueue(key);
        _readyCount.Release();
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var now = _clock.GetUtcNow();
            while (_delayed.TryTakeDue(now, out var key))
            {
                AddNowLocked(key);
            }

            _timerDueTime = DateTimeOffset.MaxValue;
            ArmTimerLocked(now);
        }
    }

    private void ArmTimerLocked(DateTimeOffset now)
    {
        if (!_delayed.TryPeekEarliest(out var dueTime))
        {
            if (_timerDueTime != DateTimeOffset.MaxValue)
            {
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _timerDueTime = DateTimeOffset.MaxValue;
            }

            return;
        }

        if (dueTime == _timerDueTime)
        {
            return;
        }

        // Rounded up to whole milliseconds because timers truncate: a timer must never fire before the due time. At
        // least 1 ms because a zero due time runs the callback synchronously on some clocks, inside this lock.
        var roundedUp = ((dueTime - now).Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
        _timer.Change(TimeSpan.FromMilliseconds(Math.Clamp(roundedUp, 1, _longestTimerDelayMilliseconds)), Timeout.InfiniteTimeSpan);
        _timerDueTime = dueTime;
    }
}
