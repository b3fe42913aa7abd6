using System.Threading.Channels;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CanaryFlow.Kubernetes.Events;

/// <summary>
/// Emits events.k8s.io/v1 Events in the background, the way client-go's recorders do: repeats within a window become a
/// series on one Event object, each object is held to a burst then a trickle, transient failures are retried a few
/// times with back-off, and whatever still fails is counted, logged and dropped. <see cref="Record(ObjectReference, string, string, string, string)"/>
/// only queues, so reconciles never wait for the API server or fail because of it. Thread-safe.
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
    private readonly Channel<QueuedEvent> _queue;
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
        _queue = Channel.CreateBounded<QueuedEvent>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _worker = Task.Run(() => WriteQueuedAsync(_stopping.Token));
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

        if (!_spamFilter.TryAdmit(target))
        {
            _counters.DroppedByRateLimit();
            EventRecorderLog.DroppedBySpamFilter(_logger, reason, target.Kind, target.Namespace, target.Name);
            return;
        }

        var identity = new EventIdentity(target, regarding.FieldPath ?? "", type, reason, action, EventNote.Truncate(note));
        if (_queue.Writer.TryWrite(new QueuedEvent(identity, regarding, _options.Clock.GetUtcNow())))
        {
            _progress.Enqueued();
        }
        else if (Volatile.Read(ref _disposed) != 0)
        {
            EventRecorderLog.RecordedAfterDispose(_logger, reason, target.Kind, target.Namespace, target.Name);
        }
        else
        {
            _counters.DroppedQueueFull();
            EventRecorderLog.DroppedQueueFull(_logger, reason, target.Kind, target.Namespace, target.Name);
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

        _queue.Writer.TryComplete();
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

    private async Task WriteQueuedAsync(CancellationToken stopping)
    {
        QueuedEvent? current = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out current))
                {
                    await DeliverAsync(current, stopping).ConfigureAwait(false);
                    current = null;
                    _progress.Processed();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            var abandoned = current is null ? 0L : 1L;
            while (_queue.Reader.TryRead(out _))
            {
                abandoned++;
            }

            _counters.Failed(abandoned);
            _progress.Processed(abandoned);
            EventRecorderLog.Abandoned(_logger, _options.DrainTimeout, abandoned);
        }
        finally
        {
            _progress.Release();
        }
    }

    /// <summary>Writes one event, retrying transient failures; never throws but for the stop.</summary>
    private async Task DeliverAsync(QueuedEvent queued, CancellationToken stopping)
    {
        var occurrence = _series.Observe(queued.Identity, queued.ObservedAt);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _writer.WriteAsync(queued, occurrence, stopping).ConfigureAwait(false);
                if (occurrence.IsRepeat)
                {
                    _counters.Aggregated();
                }
                else
                {
                    _counters.Emitted();
                }

                return;
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
                _counters.Failed();
                var target = queued.Identity.Regarding;
                EventRecorderLog.Dropped(_logger, queued.Identity.Reason, target.Kind, target.Namespace, target.Name, attempt, e.Message);
                return;
            }
        }
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
}
