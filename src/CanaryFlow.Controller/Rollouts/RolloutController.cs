using CanaryFlow.Controller.Analysis;
using CanaryFlow.Controller.Analysis.Providers;
using CanaryFlow.Controller.Caching;
using CanaryFlow.Controller.Git;
using CanaryFlow.Controller.Health;
using CanaryFlow.Controller.Metrics;
using CanaryFlow.Controller.Queue;
using CanaryFlow.Controller.Routing;
using CanaryFlow.Controller.Routing.GatewayApi;
using CanaryFlow.Controller.Routing.Nginx;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Events;
using CanaryFlow.Kubernetes.Informers;
using CanaryFlow.Kubernetes.LeaderElection;
using CanaryFlow.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Rollouts;

/// <summary>Settings of one <see cref="RolloutController"/> run.</summary>
public sealed record RolloutControllerSettings
{
    public string? Namespace { get; init; }

    public int Workers { get; init; } = 4;

    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Null: no leader election (one replica only).</summary>
    public LeaderElectionOptions? LeaderElection { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Where config-repo clones are cached; null: a fresh temp directory, removed on dispose.</summary>
    public string? GitCacheDirectory { get; init; }
}

/// <summary>
/// The Rollout controller at run time: informers on Rollouts, the ReplicaSets they own, Services and the traffic
/// routers' objects (HTTPRoutes, Ingresses); a work queue fed by them; workers reconciling while this process leads.
/// Caches are filled before leading so a standby takes over without a cold start.
/// </summary>
public sealed partial class RolloutController : IAsyncDisposable
{
    private readonly RolloutControllerSettings _settings;
    private readonly ControllerMetrics _metrics;
    private readonly ReadinessState _readiness;
    private readonly LivenessState _liveness;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<RolloutController> _logger;
    private readonly KubernetesClient _client;
    private readonly Informer<Rollout> _rolloutInformer;
    private readonly Informer<ReplicaSet> _replicaSetInformer;
    private readonly Informer<Service> _serviceInformer;
    private readonly Informer<HttpRoute> _httpRouteInformer;
    private readonly Informer<Ingress> _ingressInformer;
    private readonly WorkQueue<RolloutKey> _queue;
    private readonly RolloutEnqueuer _enqueuer;
    private readonly EventRecorder _events;
    private readonly GitWorkspace _gitWorkspace;

    public RolloutController(KubernetesClient client, RolloutControllerSettings settings, ControllerMetrics metrics, ReadinessState readiness, LivenessState liveness, ILoggerFactory loggerFactory, IReadOnlyList<IMetricProvider>? metricProviders = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(metrics);
        _client = client;
        _settings = settings;
        _metrics = metrics;
        _readiness = readiness;
        _liveness = liveness;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<RolloutController>();
        Clients = RolloutClients.Create(client);
        var clock = settings.Clock;
        _rolloutInformer = new Informer<Rollout>(Clients.Rollouts, new InformerOptions { Namespace = settings.Namespace, Clock = clock }, loggerFactory.CreateLogger<Informer<Rollout>>());

        // Only ReplicaSets a Rollout created: a cluster's other ReplicaSets never enter the cache.
        _replicaSetInformer = new Informer<ReplicaSet>(Clients.ReplicaSets, new InformerOptions { Namespace = settings.Namespace, LabelSelector = RolloutApi.RolloutNameLabel, Clock = clock }, loggerFactory.CreateLogger<Informer<ReplicaSet>>());
        _serviceInformer = new Informer<Service>(Clients.Services, new InformerOptions { Namespace = settings.Namespace, Clock = clock }, loggerFactory.CreateLogger<Informer<Service>>());
        _httpRouteInformer = new Informer<HttpRoute>(Clients.HttpRoutes, new InformerOptions { Namespace = settings.Namespace, Clock = clock }, loggerFactory.CreateLogger<Informer<HttpRoute>>());
        _ingressInformer = new Informer<Ingress>(Clients.Ingresses, new InformerOptions { Namespace = settings.Namespace, Clock = clock }, loggerFactory.CreateLogger<Informer<Ingress>>());
        var nginx = new NginxIngressRouter(Clients.Ingresses, _ingressInformer.Cache, loggerFactory.CreateLogger<NginxIngressRouter>());
        Routers = new TrafficRouterSet(
            new GatewayApiRouter(Clients.HttpRoutes, _httpRouteInformer, settings.Namespace, loggerFactory.CreateLogger<GatewayApiRouter>()),
            nginx);

        // Before the enqueuer: a canary Ingress deleted by hand is forgotten before its Rollout is reconciled.
        _ingressInformer.AddHandler(nginx);
        _queue = new WorkQueue<RolloutKey>(new WorkQueueOptions { Name = "rollouts", Clock = clock }, loggerFactory.CreateLogger<WorkQueue<RolloutKey>>());
        metrics.ObserveWorkQueue(_queue);
        Recent = new RecentWrites<Rollout>();
        _enqueuer = new RolloutEnqueuer(_queue, _rolloutInformer.Cache, Recent);
        _rolloutInformer.AddHandler(_enqueuer);
        _replicaSetInformer.AddHandler(_enqueuer);
        _serviceInformer.AddHandler(_enqueuer);
        _httpRouteInformer.AddHandler(_enqueuer);
        _ingressInformer.AddHandler(_enqueuer);
        _events = new EventRecorder(client, new EventRecorderOptions { Clock = clock }, loggerFactory.CreateLogger<EventRecorder>());
        metrics.ObserveEventRecorder(() => _events.Metrics);
        Analysis = new AnalysisRunController(client, settings.Namespace, settings.Workers, _rolloutInformer.Cache, metricProviders ?? [], _events, metrics, clock, loggerFactory);
        Analysis.AddRunHandler(_enqueuer);
        var analysis = Analysis.Runner;
        var observer = new RolloutObserver(_rolloutInformer.Cache, _replicaSetInformer.Cache, _serviceInformer.Cache, analysis, Recent, Routers);
        Git = CreateGitWork(settings, metrics, loggerFactory, out _gitWorkspace);
        var actuator = new RolloutActuator(Clients, Routers, analysis, _events, Recent, loggerFactory.CreateLogger<RolloutActuator>(), Git);
        Reconciler = new RolloutReconciler(observer, actuator, Clients, clock, loggerFactory.CreateLogger<RolloutReconciler>());
    }

    public RolloutClients Clients { get; }

    /// <summary>The config-repo work of spec.git (revision lookups, reverts), run beside the reconciles while leading.</summary>
    internal RolloutGitWorker Git { get; }

    /// <summary>The analysis engine: AnalysisRuns measured by this process's workers while it leads.</summary>
    public AnalysisRunController Analysis { get; }

    public RolloutReconciler Reconciler { get; }

    public RecentWrites<Rollout> Recent { get; }

    /// <summary>The traffic routers (Gateway API, NGINX) Rollouts are routed through.</summary>
    public TrafficRouterSet Routers { get; }

    public WorkQueue<RolloutKey> Queue => _queue;

    public ObjectCache<Rollout> Rollouts => _rolloutInformer.Cache;

    /// <summary>Runs until cancelled, or until leadership is lost (then it returns so the process can exit and restart cleanly).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task[] informers =
        [
            _rolloutInformer.RunAsync(stop.Token),
            _replicaSetInformer.RunAsync(stop.Token),
            _serviceInformer.RunAsync(stop.Token),
            _httpRouteInformer.RunAsync(stop.Token),
            _ingressInformer.RunAsync(stop.Token),
            .. Analysis.RunInformers(stop.Token),
        ];
        var housekeeping = HousekeepingAsync(stop.Token);
        var lateRoutes = RequeueWhenRoutesSyncAsync(stop.Token);
        try
        {
            var routesServed = await HttpRoutesServedAsync(stop.Token).ConfigureAwait(false);
            await Task.WhenAll(
                _rolloutInformer.WaitForSyncAsync(stop.Token),
                _replicaSetInformer.WaitForSyncAsync(stop.Token),
                _serviceInformer.WaitForSyncAsync(stop.Token),
                _ingressInformer.WaitForSyncAsync(stop.Token),
                routesServed ? _httpRouteInformer.WaitForSyncAsync(stop.Token) : Task.CompletedTask,
                Analysis.WaitForSyncAsync(stop.Token)).ConfigureAwait(false);
            _readiness.SetInformersSynced(true);
            LogSynced(_logger, _rolloutInformer.Cache.List().Count);
            if (_settings.LeaderElection is { } election)
            {
                _readiness.SetLeaderElectionRole(LeaderElectionRole.Standby);
                var elector = new LeaderElector(_client, election, new LeaderCallbacks
                {
                    OnStartedLeading = LeadAsync,
                    OnStoppedLeading = () =>
                    {
                        _metrics.SetLeader(false);
                        _readiness.SetLeaderElectionRole(LeaderElectionRole.Standby);
                    },
                    OnNewLeader = leader => LogNewLeader(_logger, leader),
                }, _loggerFactory.CreateLogger<LeaderElector>());
                await elector.RunAsync(stop.Token).ConfigureAwait(false);
            }
            else
            {
                await LeadAsync(stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await IgnoreCancellation(Task.WhenAll(informers)).ConfigureAwait(false);
            await IgnoreCancellation(housekeeping).ConfigureAwait(false);
            await IgnoreCancellation(lateRoutes).ConfigureAwait(false);
            await _events.FlushAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>While leading: every Rollout is queued once (a new leader does not trust what the last one left), then workers run.</summary>
    private async Task LeadAsync(CancellationToken cancellationToken)
    {
        _metrics.SetLeader(true);
        _readiness.SetLeaderElectionRole(LeaderElectionRole.Leader);
        LogLeading(_logger, _settings.Workers);
        _enqueuer.EnqueueAll();
        var reconcile = _metrics.MeasureReconcile<RolloutKey>(async (key, ct) =>
        {
            var result = await Reconciler.ReconcileAsync(key, ct).ConfigureAwait(false);
            _liveness.Heartbeat();
            return result;
        });
        await Task.WhenAll(_queue.RunWorkersAsync(_settings.Workers, reconcile, cancellationToken), Analysis.RunWorkersAsync(cancellationToken), Git.RunAsync(cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Periodic work off the hot path: the phase gauge, the liveness heartbeat while idle, the resync.</summary>
    private async Task HousekeepingAsync(CancellationToken cancellationToken)
    {
        var lastResync = _settings.Clock.GetUtcNow();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), _settings.Clock);
        do
        {
            var phases = _rolloutInformer.Cache.List().GroupBy(r => r.Status?.Phase ?? "Unknown").ToDictionary(g => g.Key, g => g.Count());
            foreach (var phase in Enum.GetNames<RolloutPhase>().Append("Unknown"))
            {
                _metrics.SetRolloutsInPhase(phase, phases.GetValueOrDefault(phase));
            }

            if (_queue.InFlight == 0)
            {
                _liveness.Heartbeat();
            }

            var now = _settings.Clock.GetUtcNow();
            if (_settings.ResyncPeriod > TimeSpan.Zero && now - lastResync >= _settings.ResyncPeriod)
            {
                lastResync = now;
                _enqueuer.EnqueueAll();
                Analysis.ResyncNow();
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Whether the API server serves HTTPRoutes. A cluster without the Gateway API must not keep the controller from
    /// becoming ready: its HTTPRoute informer keeps retrying, and Rollouts that use it report RouterNotInstalled until
    /// it syncs. Any other answer than 404 counts as served (the informer then gets through or backs off as usual).
    /// </summary>
    private async Task<bool> HttpRoutesServedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Clients.HttpRoutes.ListAsync(_settings.Namespace, new ListOptions { Limit = 1 }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            LogRoutesNotServed(_logger);
            return false;
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException or IOException or TimeoutException)
        {
            return true;
        }
    }

    /// <summary>Once HTTPRoutes sync (the Gateway API installed after start), every Rollout is decided again from them.</summary>
    private async Task RequeueWhenRoutesSyncAsync(CancellationToken cancellationToken)
    {
        await _httpRouteInformer.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
        _enqueuer.EnqueueAll();
    }

    /// <summary>Queues every Rollout for a reconcile now (what a resync does).</summary>
    public void ResyncNow() => _enqueuer.EnqueueAll();

    public async ValueTask DisposeAsync()
    {
        _queue.Dispose();
        Analysis.Queue.Dispose();
        await _events.DisposeAsync().ConfigureAwait(false);
        _gitWorkspace.Dispose();
    }

    private RolloutGitWorker CreateGitWork(RolloutControllerSettings settings, ControllerMetrics metrics, ILoggerFactory loggerFactory, out GitWorkspace workspace)
    {
        var clock = settings.Clock;
        var logger = loggerFactory.CreateLogger("CanaryFlow.Controller.Git");
        workspace = new GitWorkspace(new GitWorkspaceOptions { CacheDirectory = settings.GitCacheDirectory }, logger);
        var manifests = new RolloutManifestReader(new ManifestRenderOptions());
        var executor = new GitRevertExecutor(workspace, new ManifestTemplateProbe(manifests), GitRevertRetryPolicy.Default, clock, logger);
        var status = new RolloutGitStatusWriter(Clients.Rollouts, _events, Recent, clock);
        var credentials = new GitCredentialsReader(AnalysisClients.Create(_client).Secrets);
        var resolver = new GitRevisionResolver(Clients.Rollouts, workspace, new GitHealthyRevisionFinder(manifests, logger), credentials, status, _events, logger);
        var reverts = new GitRevertRunner(Clients.Rollouts, executor, resolver, credentials, status, logger);
        return new RolloutGitWorker(new GitWorkDispatcher(resolver, reverts), _queue.AddAfter, clock, logger) { Completed = metrics.RecordGitOperation };
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Caches synced: {Rollouts} Rollouts")]
    private static partial void LogSynced(ILogger logger, int rollouts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API server does not serve HTTPRoutes (gateway.networking.k8s.io/v1); Rollouts routed through the Gateway API wait until the Gateway API CRDs are installed")]
    private static partial void LogRoutesNotServed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leading: reconciling with {Workers} workers")]
    private static partial void LogLeading(ILogger logger, int workers);

    [LoggerMessage(Level = LogLevel.Information, Message = "The leader is {Leader}")]
    private static partial void LogNewLeader(ILogger logger, string leader);
}
