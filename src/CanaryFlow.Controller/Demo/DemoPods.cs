using System.Collections.Concurrent;
using System.Threading.Channels;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Informers;
using CanaryFlow.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Demo;

/// <summary>
/// The kubelet's part: LocalCluster simulates pods without running anything, so for every ReplicaSet of the demo
/// namespace that has replicas this starts one <see cref="DemoApp"/> of the version its image names, found by the
/// ReplicaSet's pod-template hash (what the Services select on). Apps stay up until the demo ends.
/// </summary>
public sealed partial class DemoPods : IInformerHandler<ReplicaSet>, IAsyncDisposable
{
    public const string HashLabel = "rollouts-pod-template-hash";

    private readonly Informer<ReplicaSet> _informer;
    private readonly Channel<ReplicaSet> _pending = Channel.CreateUnbounded<ReplicaSet>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, DemoApp> _apps = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    public DemoPods(KubernetesClient client, string ns, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _logger = loggerFactory.CreateLogger<DemoPods>();
        _informer = new Informer<ReplicaSet>(client.Resource<ReplicaSet>(ResourceTypes.ReplicaSets), new InformerOptions { Namespace = ns }, _logger);
        _informer.AddHandler(this);
    }

    /// <summary>Told about every app started, with all apps running (Prometheus's scrape targets follow it).</summary>
    public event Action<IReadOnlyCollection<DemoApp>>? Changed;

    public IReadOnlyCollection<DemoApp> Apps => [.. _apps.Values];

    /// <summary>The app of the ReplicaSet with this pod-template hash, if it runs.</summary>
    public DemoApp? Find(string hash) => _apps.GetValueOrDefault(hash);

    public void Start()
    {
        var token = _stop.Token;
        _running = Task.WhenAll(_informer.RunAsync(token), StartAppsAsync(token));
    }

    public void OnAdded(ReplicaSet obj) => _pending.Writer.TryWrite(obj);

    public void OnUpdated(ReplicaSet oldObj, ReplicaSet newObj) => _pending.Writer.TryWrite(newObj);

    public void OnDeleted(ReplicaSet obj)
    {
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        foreach (var app in _apps.Values)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task StartAppsAsync(CancellationToken cancellationToken)
    {
        await foreach (var replicaSet in _pending.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var hash = replicaSet.Metadata.Labels?.GetValueOrDefault(HashLabel);
            var image = replicaSet.Spec?.Template?.Spec?.Containers?.FirstOrDefault()?.Image;
            if (hash is null || image is null || replicaSet.Spec?.Replicas is not > 0 || _apps.ContainsKey(hash))
            {
                continue;
            }

            var app = await DemoApp.StartAsync(DemoRelease.For(DemoRelease.VersionOfImage(image)), hash, cancellationToken).ConfigureAwait(false);
            _apps[hash] = app;
            LogStarted(_logger, app.Release.Version, hash, app.BaseAddress);
            Changed?.Invoke(Apps);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Started storefront {Version} for ReplicaSet hash {Hash} on {Address}")]
    private static partial void LogStarted(ILogger logger, string version, string hash, Uri address);
}
