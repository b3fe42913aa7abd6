namespace CanaryFlow.Controller.Hosting;

/// <summary>The controller's settings, from its command line.</summary>
public sealed record ControllerOptions
{
    /// <summary>Kubeconfig path; null: KUBECONFIG/~/.kube/config, or in-cluster config when running in a pod.</summary>
    public string? Kubeconfig { get; init; }

    public string? Context { get; init; }

    /// <summary>Only this namespace is watched; null: all namespaces.</summary>
    public string? Namespace { get; init; }

    public bool LeaderElect { get; init; }

    /// <summary>Where the Lease lives; null: the watched namespace, else the connection's namespace.</summary>
    public string? LeaderElectionNamespace { get; init; }

    public string LeaderElectionId { get; init; } = "canaryflow-controller";

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>host:port of /metrics; "0" turns it off.</summary>
    public string MetricsBindAddress { get; init; } = "127.0.0.1:8080";

    /// <summary>host:port of /healthz and /readyz; "0" turns it off.</summary>
    public string HealthProbeBindAddress { get; init; } = "127.0.0.1:8081";

    public int Workers { get; init; } = 4;

    /// <summary>Every Rollout is reconciled again this often from the caches (a steady one writes nothing).</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(30);

    public double Qps { get; init; } = 50;

    public int Burst { get; init; } = 100;

    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>Where config-repo clones are cached; null: a fresh directory under the temp directory, removed at exit.</summary>
    public string? GitCacheDirectory { get; init; }
}
