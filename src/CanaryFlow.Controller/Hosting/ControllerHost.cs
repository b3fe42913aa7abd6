using CanaryFlow.Controller.Analysis;
using CanaryFlow.Controller.Analysis.Providers;
using CanaryFlow.Controller.Health;
using CanaryFlow.Controller.Metrics;
using CanaryFlow.Controller.Rollouts;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.Kubernetes.LeaderElection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Hosting;

/// <summary>
/// The controller process: the connection, the HTTP endpoints (metrics, probes) on Kestrel and the Rollout
/// controller, stopped gracefully on SIGTERM.
/// </summary>
public static partial class ControllerHost
{
    /// <summary>0 after a clean stop, 1 when leadership was lost (the pod restarts and competes again).</summary>
    public static async Task<int> RunAsync(ControllerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connection = options.Kubeconfig is null && options.Context is null && InClusterConfig.IsAvailable()
            ? InClusterConfig.Load()
            : KubeconfigLoader.Load(options.Kubeconfig, options.Context);
        var registry = new MetricRegistry();
        var metrics = new ControllerMetrics(registry);
        var readiness = new ReadinessState();
        var liveness = new LivenessState(TimeSpan.FromMinutes(2));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders()
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            })
            .SetMinimumLevel(options.LogLevel)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Microsoft.Hosting", LogLevel.Warning);
        var endpoints = new[]
        {
            BindAddress.Parse(options.MetricsBindAddress, "--metrics-bind-address"),
            BindAddress.Parse(options.HealthProbeBindAddress, "--health-probe-bind-address"),
        }.OfType<System.Net.IPEndPoint>().ToList();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var endpoint in endpoints)
            {
                kestrel.Listen(endpoint);
            }
        });
        await using var app = builder.Build();
        app.MapControllerEndpoints(registry, liveness, readiness);
        var loggerFactory = app.Services.GetRequiredService<ILoggerFactory>();
        var logger = loggerFactory.CreateLogger("CanaryFlow.Controller");
        using var client = new KubernetesClient(connection, new KubernetesClientOptions { Qps = options.Qps, Burst = options.Burst, RequestCompleted = metrics.RecordApiRequest }, loggerFactory);
        var settings = new RolloutControllerSettings
        {
            Namespace = options.Namespace,
            Workers = options.Workers,
            ResyncPeriod = options.ResyncPeriod,
            GitCacheDirectory = options.GitCacheDirectory,
            LeaderElection = options.LeaderElect
                ? new LeaderElectionOptions
                {
                    LeaseNamespace = options.LeaderElectionNamespace ?? options.Namespace ?? connection.Namespace,
                    LeaseName = options.LeaderElectionId,
                    Identity = LeaderElectionOptions.NewIdentity(),
                    LeaseDuration = options.LeaseDuration,
                    RenewDeadline = options.RenewDeadline,
                    RetryPeriod = options.RetryPeriod,
                }
                : null,
        };
        try
        {
            settings.LeaderElection?.Validate();
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync("canaryflow-controller: leader election: " + e.Message).ConfigureAwait(false);
            return 2;
        }

        using var providers = new MetricProviderSet(new KubernetesSecretReader(AnalysisClients.Create(client).Secrets), loggerFactory);
        await using var controller = new RolloutController(client, settings, metrics, readiness, liveness, loggerFactory, providers.Providers);
        if (endpoints.Count > 0)
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            foreach (var address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            {
                LogListening(logger, address);
            }
        }

        LogStarting(logger, connection.Server, options.Namespace ?? "all namespaces", options.LeaderElect);
        try
        {
            await controller.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (endpoints.Count > 0)
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        if (cancellationToken.IsCancellationRequested)
        {
            LogStopped(logger);
            return 0;
        }

        LogLostLeadership(logger);
        return 1;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving /metrics, /healthz and /readyz on {Address}")]
    private static partial void LogListening(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting the Rollout controller against {Server} ({Scope}, leader election: {LeaderElect})")]
    private static partial void LogStarting(ILogger logger, Uri server, string scope, bool leaderElect);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Leadership lost; exiting so a fresh process competes again")]
    private static partial void LogLostLeadership(ILogger logger);
}
