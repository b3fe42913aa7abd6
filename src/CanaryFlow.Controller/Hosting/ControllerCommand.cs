using System.CommandLine;
using System.Globalization;
using CanaryFlow.Kubernetes.Config;

namespace CanaryFlow.Controller.Hosting;

/// <summary>The command line of the controller process.</summary>
public static class ControllerCommand
{
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Path to a kubeconfig (default: KUBECONFIG, ~/.kube/config, or the in-cluster service account)" };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context to use (default: its current-context)" };
        var ns = new Option<string?>("--namespace", "-n") { Description = "Watch only this namespace (default: all namespaces)" };
        var leaderElect = new Option<bool>("--leader-elect") { Description = "Run several replicas; only the holder of the Lease reconciles" };
        var leaseNamespace = new Option<string?>("--leader-election-namespace") { Description = "Namespace of the Lease (default: --namespace, else the kubeconfig's or pod's namespace)" };
        var leaseName = new Option<string>("--leader-election-id") { Description = "Name of the Lease", DefaultValueFactory = _ => "canaryflow-controller" };
        var leaseDuration = new Option<string>("--leader-election-lease-duration") { Description = "How long a standby waits before taking over an unrenewed Lease", DefaultValueFactory = _ => "15s" };
        var renewDeadline = new Option<string>("--leader-election-renew-deadline") { Description = "How long the leader keeps trying to renew before it steps down", DefaultValueFactory = _ => "10s" };
        var retryPeriod = new Option<string>("--leader-election-retry-period") { Description = "How often candidates try to acquire or renew the Lease", DefaultValueFactory = _ => "2s" };
        var metrics = new Option<string>("--metrics-bind-address") { Description = "host:port for /metrics, :port for all interfaces, 0 to disable", DefaultValueFactory = _ => "127.0.0.1:8080" };
        var health = new Option<string>("--health-probe-bind-address") { Description = "host:port for /healthz and /readyz, :port for all interfaces, 0 to disable", DefaultValueFactory = _ => "127.0.0.1:8081" };
        var workers = new Option<int>("--workers") { Description = "Rollouts reconciled at once", DefaultValueFactory = _ => 4 };
        var resync = new Option<string>("--resync-period") { Description = "How often every Rollout is checked again from the caches (e.g. 30m; 0 disables)", DefaultValueFactory = _ => "30m" };
        var qps = new Option<double>("--kube-api-qps") { Description = "Client-side request rate to the API server", DefaultValueFactory = _ => 50 };
        var burst = new Option<int>("--kube-api-burst") { Description = "Client-side request burst", DefaultValueFactory = _ => 100 };
        var logLevel = new Option<string>("--log-level") { Description = "trace, debug, information, warning or error", DefaultValueFactory = _ => "information" };
        var gitCache = new Option<string?>("--git-cache-dir") { Description = "Where config-repo clones are cached for spec.git (default: a fresh directory under the temp directory, removed at exit)" };
        var root = new RootCommand("CanaryFlow controller: takes Rollouts through their canary steps. `demo [--keep] [--fast]` runs the local demo instead (see demo --help)")
        {
            kubeconfig, context, ns, leaderElect, leaseNamespace, leaseName, leaseDuration, renewDeadline, retryPeriod, metrics, health, workers, resync, qps, burst, logLevel, gitCache,
        };
        root.SetAction(async (parse, token) =>
        {
            ControllerOptions options;
            try
            {
                options = new ControllerOptions
                {
                    Kubeconfig = parse.GetValue(kubeconfig),
                    Context = parse.GetValue(context),
                    Namespace = parse.GetValue(ns),
                    LeaderElect = parse.GetValue(leaderElect),
                    LeaderElectionNamespace = parse.GetValue(leaseNamespace),
                    LeaderElectionId = parse.GetValue(leaseName)!,
                    LeaseDuration = Duration(parse.GetValue(leaseDuration)!, "--leader-election-lease-duration"),
                    RenewDeadline = Duration(parse.GetValue(renewDeadline)!, "--leader-election-renew-deadline"),
                    RetryPeriod = Duration(parse.GetValue(retryPeriod)!, "--leader-election-retry-period"),
                    MetricsBindAddress = parse.GetValue(metrics)!,
                    HealthProbeBindAddress = parse.GetValue(health)!,
                    Workers = Positive(parse.GetValue(workers), "--workers"),
                    ResyncPeriod = parse.GetValue(resync) is "0" ? TimeSpan.Zero : Duration(parse.GetValue(resync)!, "--resync-period"),
                    Qps = parse.GetValue(qps) > 0 ? parse.GetValue(qps) : throw new FormatException("--kube-api-qps must be greater than 0"),
                    Burst = Positive(parse.GetValue(burst), "--kube-api-burst"),
                    LogLevel = ParseLevel(parse.GetValue(logLevel)!),
                    GitCacheDirectory = parse.GetValue(gitCache),
                };
                BindAddress.Parse(options.MetricsBindAddress, "--metrics-bind-address");
                BindAddress.Parse(options.HealthProbeBindAddress, "--health-probe-bind-address");
            }
            catch (FormatException e)
            {
                await Console.Error.WriteLineAsync("canaryflow-controller: " + e.Message).ConfigureAwait(false);
                return 2;
            }

            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, cancellationToken);
                return await ControllerHost.RunAsync(options, linked.Token).ConfigureAwait(false);
            }
            catch (KubeconfigException e)
            {
                await Console.Error.WriteLineAsync("canaryflow-controller: " + e.Message).ConfigureAwait(false);
                return 2;
            }
        });
        // SIGTERM gives running reconciles time to finish (the work queue drains for up to 20 s) before the process ends.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
        return root.Parse(args).InvokeAsync(invocation, cancellationToken);
    }

    private static TimeSpan Duration(string text, string flag) =>
        Core.Durations.KubernetesDuration.TryParse(text, out var value, out var error) ? value : throw new FormatException($"{flag}: {error}");

    private static int Positive(int value, string flag) =>
        value > 0 ? value : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{flag} must be greater than 0, got {value}"));

    private static Microsoft.Extensions.Logging.LogLevel ParseLevel(string text) =>
        Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(text, ignoreCase: true, out var level) ? level : throw new FormatException($"--log-level: unknown level \"{text}\"");
}
