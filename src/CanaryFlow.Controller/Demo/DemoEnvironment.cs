using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.LocalCluster;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Demo;

/// <summary>
/// Everything the story runs on, started in order and stopped in reverse: LocalCluster with the CRDs, the storefront
/// apps (one per ReplicaSet), the weighted proxy, Prometheus when installed, the config repo, the controller, the sync
/// loop and the shoppers.
/// </summary>
public sealed class DemoEnvironment : IAsyncDisposable
{
    public const string Namespace = "storefront-demo";
    public const string RolloutName = "storefront";

    private readonly List<IAsyncDisposable> _stack = [];

    private DemoEnvironment(DirectoryInfo directory)
    {
        Directory = directory;
    }

    public DirectoryInfo Directory { get; }

    public string Kubeconfig => Path.Combine(Directory.FullName, "kubeconfig");

    public LocalClusterServer Cluster { get; private set; } = null!;

    public KubernetesClient Client { get; private set; } = null!;

    public DemoPods Pods { get; private set; } = null!;

    public WeightedProxy Proxy { get; private set; } = null!;

    public DemoPrometheus? Prometheus { get; private set; }

    public ConfigRepo Repo { get; private set; } = null!;

    public ControllerChild Controller { get; private set; } = null!;

    public SyncLoop Sync { get; private set; } = null!;

    public TrafficGenerator Traffic { get; private set; } = null!;

    /// <summary>Commits the sync loop applied, oldest first.</summary>
    public List<SyncedRevision> Synced { get; } = [];

    public static async Task<DemoEnvironment> StartAsync(DemoOptions options, DemoAssets assets, StoryWriter story, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(story);
        var environment = new DemoEnvironment(System.IO.Directory.CreateTempSubdirectory("canaryflow-demo-"));
        try
        {
            await environment.StartAllAsync(options, assets, story, loggerFactory, cancellationToken).ConfigureAwait(false);
            return environment;
        }
        catch
        {
            await environment.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops everything; the directory goes too unless <paramref name="keepFiles"/>.</summary>
    public async ValueTask DisposeAsync(bool keepFiles)
    {
        for (var i = _stack.Count - 1; i >= 0; i--)
        {
            await _stack[i].DisposeAsync().ConfigureAwait(false);
        }

        _stack.Clear();
        Client?.Dispose();
        if (!keepFiles)
        {
            try
            {
                Directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temporary directory left behind is harmless.
            }
        }
    }

    public ValueTask DisposeAsync() => DisposeAsync(keepFiles: false);

    private async Task StartAllAsync(DemoOptions options, DemoAssets assets, StoryWriter story, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var timings = options.Timings;
        Cluster = await LocalClusterServer.StartAsync(new LocalClusterOptions { PodReadinessDelay = timings.PodReadinessDelay }, loggerFactory, cancellationToken).ConfigureAwait(false);
        _stack.Add(Cluster);
        Cluster.WriteKubeconfig(Kubeconfig, Namespace);
        story.Line($"LocalCluster serves the Kubernetes API on {Cluster.BaseUrl}");

        // As a cluster admin installs them: CanaryFlow's CRDs and the Gateway API's HTTPRoute.
        await KubectlAsync(cancellationToken, "apply", "-k", assets.Crds).ConfigureAwait(false);
        await KubectlAsync(cancellationToken, "create", "-f", assets.HttpRouteCrd).ConfigureAwait(false);
        await KubectlAsync(cancellationToken, "wait", "--for=condition=Established", "crd", "--all", "--timeout=60s").ConfigureAwait(false);
        story.Line("Installed the CRDs: canaryflow.io (kubectl apply -k crds/) and the Gateway API's HTTPRoute");

        Client = new KubernetesClient(KubeconfigLoader.Load(Kubeconfig), loggerFactory: loggerFactory);
        Pods = new DemoPods(Client, Namespace, loggerFactory);
        Pods.Start();
        _stack.Add(Pods);
        Proxy = await WeightedProxy.StartAsync(Client, Namespace, RolloutName, Pods, loggerFactory, cancellationToken).ConfigureAwait(false);
        _stack.Add(Proxy);

        Prometheus = await StartPrometheusAsync(options.Metrics, story, cancellationToken).ConfigureAwait(false);
        if (Prometheus is { } prometheus)
        {
            _stack.Add(prometheus);
            Pods.Changed += prometheus.SetTargets;
        }

        var overlay = new DemoOverlay(Namespace, "file://" + Path.Combine(Directory.FullName, "config.git"), timings, Prometheus?.Address, Proxy.StatsUrlTemplate(timings.RateWindow));
        Repo = await ConfigRepo.CreateAsync(Directory.FullName, assets.Examples, DemoOverlay.Path, overlay.Files(), cancellationToken).ConfigureAwait(false);
        story.Line($"Config repo {Repo.Url}: examples/ plus {DemoOverlay.Path} (image tag v1)");

        Controller = ControllerChild.Start(Kubeconfig, Namespace, Path.Combine(Directory.FullName, "controller.log"));
        _stack.Add(Controller);
        story.Line($"Controller started (its log: {Controller.LogPath})");

        Sync = new SyncLoop(Path.Combine(Directory.FullName, "sync"), Repo.Url, DemoOverlay.Path, Kubeconfig, Namespace, timings.SyncInterval, loggerFactory);
        Sync.Synced += revision =>
        {
            lock (Synced)
            {
                Synced.Add(revision);
            }

            story.Line($"Sync: applied {revision.Commit[..7]} \"{revision.Subject}\" (kubectl apply -k {DemoOverlay.Path})");
        };
        await Sync.StartAsync(cancellationToken).ConfigureAwait(false);
        _stack.Add(Sync);
        story.Line($"Sync loop plays Argo CD: fetches {ConfigRepo.Branch} every {timings.SyncInterval.TotalSeconds:0.#}s and applies each new commit");

        // The shoppers start once v1 is live (DemoRunner): before the first sync there is no route to send them along.
        Traffic = new TrafficGenerator(Proxy.BaseAddress, timings.RequestsPerSecond, loggerFactory);
        _stack.Add(Traffic);
    }

    private async Task<DemoPrometheus?> StartPrometheusAsync(DemoMetricsSource source, StoryWriter story, CancellationToken cancellationToken)
    {
        var binary = source == DemoMetricsSource.Web ? null : DemoPrometheus.FindBinary();
        if (binary is null)
        {
            if (source == DemoMetricsSource.Prometheus)
            {
                throw new InvalidOperationException("--metrics prometheus: prometheus is not installed (apt-get install prometheus)");
            }

            story.Line("Analysis reads the apps' own /stats through the web provider" + (source == DemoMetricsSource.Web ? "" : " (prometheus is not installed)"));
            return null;
        }

        var prometheus = await DemoPrometheus.StartAsync(binary, Path.Combine(Directory.FullName, "prometheus"), cancellationToken).ConfigureAwait(false);
        story.Line($"Prometheus on {prometheus.Address} scrapes every storefront app each second; analysis queries it");
        return prometheus;
    }

    private Task<string> KubectlAsync(CancellationToken cancellationToken, params string[] arguments) =>
        ExternalCommand.RunCheckedAsync("kubectl", ["--kubeconfig", Kubeconfig, .. arguments], Directory.FullName, cancellationToken);
}
