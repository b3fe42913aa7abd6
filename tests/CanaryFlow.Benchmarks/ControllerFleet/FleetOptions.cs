namespace CanaryFlow.Benchmarks.ControllerFleet;

/// <summary>The size and shape of the <c>controller</c> scenario's fleet, and how the controller under test is run.</summary>
internal sealed record FleetOptions
{
    /// <summary>Rollouts that stay Healthy throughout (1 replica each).</summary>
    public int Healthy { get; init; } = 10_000;

    /// <summary>Rollouts whose template is changed, all at once, after the fleet is Healthy (2 replicas each).</summary>
    public int Progressing { get; init; } = 1_000;

    /// <summary>Rollouts per namespace; the controller watches all namespaces, as it does by default.</summary>
    public int PerNamespace { get; init; } = 100;

    /// <summary>How long LocalCluster's simulated pods take to become Ready.</summary>
    public double PodReadySeconds { get; init; } = 0.2;

    /// <summary>The controller's <c>--resync-period</c>: long enough that resyncs can be told apart from other work.</summary>
    public string ResyncPeriod { get; init; } = "2m";

    /// <summary>The controller's <c>--kube-api-qps</c> and <c>--kube-api-burst</c>: high enough to never be the limit.</summary>
    public int KubeApiQps { get; init; } = 5_000;

    /// <summary>The controller's <c>--workers</c> (its default).</summary>
    public int Workers { get; init; } = 4;

    /// <summary>The whole scenario is abandoned after this long.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(40);

    /// <summary>Client requests the benchmark itself has in flight while it creates or changes the fleet.</summary>
    public int WriterParallelism { get; init; } = 16;

    public int Total => Healthy + Progressing;

    /// <summary><see cref="ResyncPeriod"/> as the controller reads it.</summary>
    public TimeSpan ResyncInterval => Core.Durations.KubernetesDuration.TryParse(ResyncPeriod, out var value, out var error)
        ? value
        : throw new FormatException("--resync-period: " + error);

    public static FleetOptions Parse(string[] args) => new()
    {
        Healthy = CommandLine.Int(args, "--healthy", 10_000),
        Progressing = CommandLine.Int(args, "--progressing", 1_000),
        PerNamespace = CommandLine.Int(args, "--per-namespace", 100),
        PodReadySeconds = CommandLine.Double(args, "--pod-ready-seconds", 0.2),
        ResyncPeriod = CommandLine.String(args, "--resync-period", "2m"),
        KubeApiQps = CommandLine.Int(args, "--kube-api-qps", 5_000),
        Workers = CommandLine.Int(args, "--workers", 4),
        Timeout = TimeSpan.FromMinutes(CommandLine.Double(args, "--timeout-minutes", 40)),
    };
}
