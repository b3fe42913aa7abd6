using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Kubernetes.Informers;

/// <summary>
/// Keeps <see cref="Cache"/> equal to the server's view of a collection, the way client-go's reflector does: list
/// (resourceVersion 0 first), then watch from the list's version with bookmarks; a watch that ends is resumed from
/// the last version seen; 410 Expired relists and replaces the cache; other failures back off (0.8 s to 30 s with
/// jitter) and resume. Handlers hear every change in order.
/// </summary>
public sealed partial class Informer<T>
    where T : class, IKubernetesObject
{
    private readonly ResourceClient<T> _client;
    private readonly InformerOptions _options;
    private readonly ILogger _logger;
    private readonly List<IInformerHandler<T>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Random _random = new();
    private long _lists;
    private long _watches;

    public Informer(ResourceClient<T> client, InformerOptions options, ILogger logger)
    {
        _client = client;
        _options = options;
        _logger = logger;
    }

    public ObjectCache<T> Cache { get; } = new();

    /// <summary>True once the first list has filled the cache.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The resourceVersion the cache is at (of the last list, event or bookmark).</summary>
    public string LastSyncResourceVersion { get; private set; } = "";

    /// <summary>How many lists the informer made (1 + relists after Expired or failures).</summary>
    public long Lists => Interlocked.Read(ref _lists);

    public long Watches => Interlocked.Read(ref _watches);

    /// <summary>Adds a handler; add handlers before <see cref="RunAsync"/>.</summary>
    public void AddHandler(IInformerHandler<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.Add(handler);
    }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>Runs until cancelled; never fails on server or network trouble (it backs off and recovers).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new Backoff(_options.InitialBackoff, _options.MaxBackoff, _options.BackoffResetAfter, _options.Clock, _random);
        var listFrom = "0";
        var needList = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (needList)
                {
                    await ListAsync(listFrom, cancellationToken).ConfigureAwait(false);
                    needList = false;
                }

                await WatchAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (KubernetesApiException e) when (e.IsExpired)
            {
                // The history moved past us: relist, first at least as new as what we have, then from scratch.
                LogExpired(_logger, _client.Type.QualifiedName, LastSyncResourceVersion);
                listFrom = needList ? "" : LastSyncResourceVersion;
                needList = true;
            }
            catch (Exception e) when (e is KubernetesApiException or HttpRequestException or TimeoutException or IOException or System.Text.Json.JsonException)
            {
                var delay = backoff.Next();
                LogFailure(_logger, e, _client.Type.QualifiedName, delay.TotalSeconds);
                try
                {
                    await Task.Delay(delay, _options.Clock, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ListAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lists);
        var list = await _client.ListAllAsync(_options.Namespace, new ListOptions
        {
            LabelSelector = _options.LabelSelector,
            FieldSelector = _options.FieldSelector,
            ResourceVersion = resourceVersion,
        }, cancellationToken).ConfigureAwait(false);
        Replace(list.Items);
        LastSyncResourceVersion = list.ResourceVersion;
        _synced.TrySetResult();
    }

    /// <summary>Watches once from the last version; returns when the server ends the stream.</summary>
    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _watches);
        var span = _options.MaxWatchTimeout - _options.MinWatchTimeout;
        var timeout = _options.MinWatchTimeout + (span * _random.NextDouble());
        var started = _options.Clock.GetTimestamp();
        var events = 0;
        await foreach (var change in _client.WatchAsync(_options.Namespace, new WatchOptions
        {
            LabelSelector = _options.LabelSelector,
            FieldSelector = _options.FieldSelector,
            ResourceVersion = LastSyncResourceVersion,
            AllowBookmarks = true,
            Timeout = timeout,
        }, cancellationToken).ConfigureAwait(false))
        {
            events++;
            Apply(change);
            if (change.Object.Metadata.ResourceVersion is { Length: > 0 } version)
            {
                LastSyncResourceVersion = version;
            }
        }

        if (events == 0 && _options.Clock.GetElapsedTime(started) < TimeSpan.FromSeconds(1))
        {
            // A watch that ends at once without events means trouble on the way: don't spin.
            throw new IOException($"the watch of {_client.Type.QualifiedName} ended at once without events");
        }
    }

    private void Apply(ResourceEvent<T> change)
    {
        switch (change.Type)
        {
            case ResourceEventType.Added or ResourceEventType.Modified:
                var previous = Cache.Upsert(change.Object);
                if (previous is null)
                {
                    Notify(h => h.OnAdded(change.Object));
                }
                else
                {
                    Notify(h => h.OnUpdated(previous, change.Object));
                }

                break;
            case ResourceEventType.Deleted:
                var removed = Cache.Remove(ObjectCache<T>.KeyOf(change.Object));
                Notify(h => h.OnDeleted(removed ?? change.Object));
                break;
        }
    }

    /// <summary>Makes the cache equal to a fresh list, telling handlers what changed since the last state.</summary>
    private void Replace(IReadOnlyList<T> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = ObjectCache<T>.KeyOf(item);
            seen.Add(key);
            var previous = Cache.Upsert(item);
            if (previous is null)
            {
                Notify(h => h.OnAdded(item));
            }
            else if (previous.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
            {
                Notify(h => h.OnUpdated(previous, item));
            }
        }

        foreach (var key in Cache.Keys)
        {
            if (!seen.Contains(key) && Cache.Remove(key) is { } gone)
            {
                Notify(h => h.OnDeleted(gone));
            }
        }
    }

    private void Notify(Action<IInformerHandler<T>> notify)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                notify(handler);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogHandlerFailed(_logger, e, _client.Type.QualifiedName);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of {Resource} expired at resourceVersion {ResourceVersion}; relisting")]
    private static partial void LogExpired(ILogger logger, string resource, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Informer for {Resource} failed; retrying in {DelaySeconds:F1} s")]
    private static partial void LogFailure(ILogger logger, Exception exception, string resource, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "An informer handler for {Resource} threw")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string resource);
}
