using System.Threading.Channels;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CanaryFlow.Kubernetes.Events;

/// <summary>
/// Emits events.k8s.io/v1 Events in the background, the way client-go's recorders do: repeats within a window become a
/// series on one Event object (a repeat recorded while that Event's write is still queued or in flight only raises the
/// count that write sends, like client-go's correlator), each object is held to a burst then a trickle, several writers
/// (<see cref="EventRecorderOptions.MaxConcurrentWrites"/>) write at once (all events about one object through the same
/// writer, in the order recorded), transient failures are retried a few times
/// with back-off, and whatever still fails is counted, logged and dropped. <see cref="Record(ObjectReference, string, string, string, string)"/>
/// only queues, so reconciles never wait for the API server or fail because of it. A full queue drops the event,
/// counted (<see cref="EventRecorderMetrics.DroppedQueueFull"/>) and logged as a warning at most every
/// <see cref="EventRecorderOptions.DropWarningInterval"/> with the number dropped. Thread-safe.
/// </summary>
public sealed class EventRecorder : IEventRecorder, IAsyncDisposable
{
    private readonly EventRecorderOptions _options;
    private readonly ILogger _logger;
    private readonly EventSpamFilter _spamFilter;
    private readonly EventSeriesCache _series;
    private readonly EventWriter _writer;
    private readonly EventRecorderCounters _counters = new();
    private readonly QueueProgress _progress = new();
    // One queue per writer; an object's events always go to the same one, so they are written in the order recorded.
    private readonly Channel<PendingEvent>[] _lanes;

    // Guards the series cache and the pending writes, so a repeat and the write it folds into agree on the count.
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PendingEvent> _pending = new(StringComparer.Ordinal);
    private readonly QueueFullWarnings _queueFull;
    private int _waiting;
    private readonly CancellationTokenSource _draining = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _worker;
    private int _disposed;

    /// <exception cref="ArgumentException">The options name a reporter the server would reject.</exception>
    public EventRecorder(KubernetesClient client, EventRecorderOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _options = options ?? new EventRecorderOptions();
        _options.Validate();
        _logger = logger ?? NullLogger.Instance;
        _spamFilter = new EventSpamFilter(_options.SpamFilterBurst, _options.SpamFilterRefillInterval, _options.SpamFilterCapacity, _options.Clock);
        _series = new EventSeriesCache(_options.SeriesWindow, _options.SeriesCacheCapacity);
        _writer = new EventWriter(client.Resource<Event>(ResourceTypes.Events), _options.ReportingController, _options.ReportingInstance);
        _queueFull = new QueueFullWarnings(_options.DropWarningInterval, _options.Clock);
        _lanes = [.. Enumerable.Range(0, _options.MaxConcurrentWrites).Select(_ => Channel.CreateUnbounded<PendingEvent>(new UnboundedChannelOptions { SingleReader = true }))];
        _worker = RunWritersAsync(_stopping.Token);
    }

    /// <summary>The counters so far, for /metrics.</summary>
    public EventRecorderMetrics Metrics => _counters.Snapshot(_progress.Pending);

    public void Record(IKubernetesObject regarding, string type, string reason, string action, string note)
    {
        ArgumentNullException.ThrowIfNull(regarding);
        Record(regarding.ToObjectReference(), type, reason, action, note);
    }

    public void Record(ObjectReference regarding, string type, string reason, string action, string note)
    {
        ArgumentNullException.ThrowIfNull(regarding);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(note);
        var target = RegardingIdentity.Of(regarding);
        if (Volatile.Read(ref _disposed) != 0)
        {
            EventRecorderLog.RecordedAfterDispose(_logger, reason, target.Kind, target.Namespace, target.Name);
            return;
        }

        if (EventFieldRules.Problem(target, type, reason, action) is { } problem)
        {
            _counters.Failed();
            EventRecorderLog.InvalidEvent(_logger, reason, target.Kind, target.Namespace, target.Name, problem);
            return;
        }

        var identity = new EventIdentity(target, regarding.FieldPath ?? "", type, reason, action, EventNote.Truncate(note));
        var outcome = Admit(new QueuedEvent(identity, regarding, _options.Clock.GetUtcNow()));
        switch (outcome)
        {
            case Admission.RateLimited:
                _counters.DroppedByRateLimit();
                EventRecorderLog.DroppedBySpamFilter(_logger, reason, target.Kind, target.Namespace, target.Name);
                break;
            case Admission.QueueFull when Volatile.Read(ref _disposed) != 0:
                EventRecorderLog.RecordedAfterDispose(_logger, reason, target.Kind, target.Namespace, target.Name);
                break;
            case Admission.QueueFull:
                _counters.DroppedQueueFull();
                EventRecorderLog.DroppedQueueFull(_logger, reason, target.Kind, target.Namespace, target.Name);
                if (_queueFull.Dropped() is { } dropped)
                {
                    EventRecorderLog.QueueFull(_logger, _options.QueueCapacity, dropped);
                }

                break;
        }
    }

    /// <summary>
    /// Folds a repeat into the write already pending for its Event, or queues a new write. A folded repeat costs no
    /// request, so the spam filter (which protects the API server) is asked only for new writes.
    /// </summary>
    private Admission Admit(QueuedEvent queued)
    {
        lock (_lock)
        {
            var occurrence = _series.Next(queued.Identity, queued.ObservedAt);
            if (occurrence.IsRepeat && _pending.TryGetValue(occurrence.Name, out var pending))
            {
                pending.Latest = occurrence;
                _series.Remember(queued.Identity, occurrence);
                return Admission.Folded;
            }

            if (!_spamFilter.TryAdmit(queued.Identity.Regarding))
            {
                return Admission.RateLimited;
            }

            // The ticket comes first so a writer that takes the event at once finds it counted as pending.
            var write = new PendingEvent(queued, occurrence, _progress.Started());
            // QueueCapacity bounds the writes waiting in all lanes together; a completed lane means disposed.
            var lane = _lanes[(int)((uint)queued.Identity.Regarding.GetHashCode() % (uint)_lanes.Length)];
            if (Volatile.Read(ref _waiting) >= _options.QueueCapacity || !lane.Writer.TryWrite(write))
            {
                _progress.Finished(write.Ticket);
                return Admission.QueueFull;
            }

            Interlocked.Increment(ref _waiting);
            _pending[occurrence.Name] = write;
            _series.Remember(queued.Identity, occurrence);
            return Admission.Queued;
        }
    }

    /// <summary>
    /// Completes when every event recorded before the call has been written or given up on (including its retries), or
    /// when the recorder has stopped.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => _progress.WhenProcessedAsync(cancellationToken);

    /// <summary>
    /// Stops taking events and writes the queued ones, each tried once more at most (no back-off), for up to
    /// <see cref="EventRecorderOptions.DrainTimeout"/>; what is left then is abandoned and counted as failed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        await _draining.CancelAsync().ConfigureAwait(false);
        try
        {
            await _worker.WaitAsync(_options.DrainTimeout, _options.Clock).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await _worker.ConfigureAwait(false);
        }

        _draining.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Runs the writers; once they stop, whatever is left in the queue is abandoned (shutdown only).</summary>
    private async Task RunWritersAsync(CancellationToken stopping)
    {
        var abandoned = 0L;
        try
        {
            var writers = _lanes.Select(lane => Task.Run(() => WriteQueuedAsync(lane.Reader, stopping), CancellationToken.None));
            abandoned = (await Task.WhenAll(writers).ConfigureAwait(false)).Sum();
            foreach (var lane in _lanes)
            {
                while (lane.Reader.TryRead(out var left))
                {
                    Interlocked.Decrement(ref _waiting);
                    abandoned += Abandon(left);
                }
            }

            if (stopping.IsCancellationRequested)
            {
                EventRecorderLog.Abandoned(_logger, _options.DrainTimeout, abandoned);
            }
        }
        finally
        {
            _progress.Release();
        }
    }

    /// <summary>One writer: takes pending writes until its lane is completed and empty, or the stop; returns how many events it abandoned.</summary>
    private async Task<long> WriteQueuedAsync(ChannelReader<PendingEvent> lane, CancellationToken stopping)
    {
        PendingEvent? current = null;
        try
        {
            while (await lane.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                while (lane.TryRead(out current))
                {
                    Interlocked.Decrement(ref _waiting);
                    await DeliverAsync(current, stopping).ConfigureAwait(false);
                    current = null;
                }
            }

            return 0;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return current is null ? 0 : Abandon(current);
        }
    }

    /// <summary>Gives up on a pending write at shutdown: its unwritten occurrences count as failed.</summary>
    private long Abandon(PendingEvent write)
    {
        var unwritten = Complete(write);
        _counters.Failed(unwritten);
        return unwritten;
    }

    /// <summary>Ends a pending write (later repeats start a new one) and returns how many occurrences it had not written.</summary>
    private int Complete(PendingEvent write)
    {
        int unwritten;
        lock (_lock)
        {
            unwritten = write.Unwritten;
            _pending.Remove(write.Latest.Name);
        }

        _progress.Finished(write.Ticket);
        return unwritten;
    }

    /// <summary>
    /// Writes one Event until it has the newest count folded into it, retrying transient failures; never throws but
    /// for the stop.
    /// </summary>
    private async Task DeliverAsync(PendingEvent write, CancellationToken stopping)
    {
        while (true)
        {
            EventOccurrence occurrence;
            lock (_lock)
            {
                if (write.Unwritten == 0)
                {
                    _pending.Remove(write.Latest.Name);
                    break;
                }

                occurrence = write.Latest;
            }

            if (!await WriteWithRetriesAsync(write, occurrence, stopping).ConfigureAwait(false))
            {
                _counters.Failed(Complete(write));
                return;
            }
        }

        _progress.Finished(write.Ticket);
    }

    /// <summary>One write of <paramref name="occurrence"/>; false when it was given up on.</summary>
    private async Task<bool> WriteWithRetriesAsync(PendingEvent write, EventOccurrence occurrence, CancellationToken stopping)
    {
        var queued = write.Queued;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var create = write.StartsSeries && write.Written == 0;
                await _writer.WriteAsync(queued, occurrence, create, stopping).ConfigureAwait(false);
                Account(write, occurrence, create);
                return true;
            }
            catch (Exception e) when (!stopping.IsCancellationRequested && EventWriter.IsTransient(e)
                && attempt < _options.MaxAttempts && !_draining.IsCancellationRequested)
            {
                var delay = _options.RetryDelay(attempt);
                EventRecorderLog.Retrying(_logger, occurrence.Name, occurrence.Namespace, attempt, delay, e.Message);
                await WaitBeforeRetryAsync(delay).ConfigureAwait(false);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                // Whatever went wrong, the writer must live on for the next event.
                var target = queued.Identity.Regarding;
                EventRecorderLog.Dropped(_logger, queued.Identity.Reason, target.Kind, target.Namespace, target.Name, attempt, e.Message);
                return false;
            }
        }
    }

    /// <summary>Counts what a successful write carried: the Event created, and each repeat it added to the series.</summary>
    private void Account(PendingEvent write, EventOccurrence occurrence, bool created)
    {
        int added;
        lock (_lock)
        {
            added = occurrence.Count - write.Written;
            write.Written = occurrence.Count;
        }

        _counters.Written();
        if (created)
        {
            _counters.Emitted();
            added--;
        }

        _counters.Aggregated(added);
    }

    private async Task WaitBeforeRetryAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _options.Clock, _draining.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_draining.IsCancellationRequested)
        {
            // Shutting down: one last try now rather than after the back-off.
        }
    }

    private enum Admission
    {
        Queued,
        Folded,
        RateLimited,
        QueueFull,
    }
}
