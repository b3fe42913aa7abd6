using CanaryFlow.Controller.Analysis.Providers;
using CanaryFlow.Controller.Caching;
using CanaryFlow.Controller.Metrics;
using CanaryFlow.Controller.Queue;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Events;
using CanaryFlow.Kubernetes.Informers;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Analysis;

/// <summary>
/// The analysis engine at run time: informers on the AnalysisRuns Rollouts own and on the templates, a work queue of
/// runs, workers that measure. It lives inside the Rollout controller's process and leadership: the runner it
/// hands out creates and stops runs, its workers carry them out.
/// </summary>
public sealed class AnalysisRunController : IInformerHandler<AnalysisRun>
{
    private readonly Informer<AnalysisRun> _runInformer;
    private readonly Informer<AnalysisTemplate> _templateInformer;
    private readonly Informer<ClusterAnalysisTemplate> _clusterTemplateInformer;
    private readonly WorkQueue<string> _queue;
    private readonly AnalysisRunReconciler _reconciler;
    private readonly int _workers;

    public AnalysisRunController(KubernetesClient client, string? ns, int workers, ObjectCache<Rollout> rollouts, IReadOnlyList<IMetricProvider> providers, IEventRecorder events, ControllerMetrics metrics, TimeProvider clock, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(metrics);
        var clients = AnalysisClients.Create(client);
        _workers = workers;

        // Only runs a Rollout created (they carry its name label): other tools' runs never enter the cache.
        _runInformer = new Informer<AnalysisRun>(clients.Runs, new InformerOptions { Namespace = ns, LabelSelector = RolloutApi.RolloutNameLabel, Clock = clock }, loggerFactory.CreateLogger<Informer<AnalysisRun>>());
        _templateInformer = new Informer<AnalysisTemplate>(clients.Templates, new InformerOptions { Namespace = ns, Clock = clock }, loggerFactory.CreateLogger<Informer<AnalysisTemplate>>());
        _clusterTemplateInformer = new Informer<ClusterAnalysisTemplate>(clients.ClusterTemplates, new InformerOptions { Clock = clock }, loggerFactory.CreateLogger<Informer<ClusterAnalysisTemplate>>());
        _queue = new WorkQueue<string>(new WorkQueueOptions { Name = "analysisruns", Clock = clock }, loggerFactory.CreateLogger<WorkQueue<string>>(), StringComparer.Ordinal);
        _runInformer.AddHandler(this);
        var recent = new RecentWrites<AnalysisRun>();
        var templates = new CachedAnalysisTemplates(_templateInformer.Cache, _clusterTemplateInformer.Cache);
        Runner = new KubernetesAnalysisRunner(clients, _runInformer.Cache, recent, templates, clock, loggerFactory.CreateLogger<KubernetesAnalysisRunner>());
        var measurer = new MetricMeasurer(providers, new KubernetesSecretReader(clients.Secrets), clock, metrics);
        _reconciler = new AnalysisRunReconciler(_runInformer.Cache, rollouts, recent, clients.Runs, measurer, events, clock, loggerFactory.CreateLogger<AnalysisRunReconciler>());
    }

    /// <summary>What the Rollout controller starts, observes and terminates runs through.</summary>
    public IAnalysisRunner Runner { get; }

    public WorkQueue<string> Queue => _queue;

    public ObjectCache<AnalysisRun> Runs => _runInformer.Cache;

    /// <summary>Also tells <paramref name="handler"/> of every change of a run (the Rollout controller's enqueuer).</summary>
    public void AddRunHandler(IInformerHandler<AnalysisRun> handler) => _runInformer.AddHandler(handler);

    public Task[] RunInformers(CancellationToken cancellationToken) =>
    [
        _runInformer.RunAsync(cancellationToken),
        _templateInformer.RunAsync(cancellationToken),
        _clusterTemplateInformer.RunAsync(cancellationToken),
    ];

    public Task WaitForSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_runInformer.WaitForSyncAsync(cancellationToken), _templateInformer.WaitForSyncAsync(cancellationToken), _clusterTemplateInformer.WaitForSyncAsync(cancellationToken));

    /// <summary>While leading: every run is queued once (schedules continue from their status), then workers run.</summary>
    public Task RunWorkersAsync(CancellationToken cancellationToken)
    {
        ResyncNow();
        return _queue.RunWorkersAsync(_workers, _reconciler.ReconcileAsync, cancellationToken);
    }

    /// <summary>Queues every run again (the periodic resync).</summary>
    public void ResyncNow()
    {
        foreach (var run in _runInformer.Cache.List())
        {
            _queue.Add(ObjectCache<AnalysisRun>.KeyOf(run));
        }
    }

    public void OnAdded(AnalysisRun obj) => _queue.Add(ObjectCache<AnalysisRun>.KeyOf(obj));

    public void OnUpdated(AnalysisRun oldObj, AnalysisRun newObj) => _queue.Add(ObjectCache<AnalysisRun>.KeyOf(newObj));

    public void OnDeleted(AnalysisRun obj) => _queue.Forget(ObjectCache<AnalysisRun>.KeyOf(obj));
}
