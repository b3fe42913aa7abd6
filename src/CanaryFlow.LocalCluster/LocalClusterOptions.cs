namespace CanaryFlow.LocalCluster;

/// <summary>How a LocalCluster instance is started. The defaults give a server that behaves like a real one.</summary>
public sealed record LocalClusterOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Serve HTTPS with a CA and serving certificate generated at start (the default) or plain HTTP.</summary>
    public bool UseHttps { get; init; } = true;

    /// <summary>
    /// Whether requests must carry the bearer token. Defaults to <see cref="UseHttps"/>: kubectl never sends
    /// credentials over plain HTTP, so a plain-HTTP server is open like the old insecure port was.
    /// </summary>
    public bool? RequireToken { get; init; }

    /// <summary>The bearer token clients must present; generated at start when null.</summary>
    public string? Token { get; init; }

    /// <summary>First resourceVersion; well above 1 so clients that treat "0" or "1" specially are caught.</summary>
    public long InitialResourceVersion { get; init; } = 1000;

    /// <summary>Events kept per resource for watches that resume from a resourceVersion; older ones get 410.</summary>
    public int WatchHistoryCapacity { get; init; } = 10_000;

    /// <summary>Events queued for one watcher before it is closed as unresponsive.</summary>
    public int WatchQueueCapacity { get; init; } = 100_000;

    /// <summary>How long the snapshot behind a continue token is kept (etcd compacts every 5 minutes).</summary>
    public TimeSpan ContinueTokenLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Watches without timeoutSeconds end after a random time in [this, 2 x this), like --min-request-timeout.</summary>
    public TimeSpan MinRequestTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How often a watch that allows bookmarks gets one.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a simulated pod takes to become Ready (annotation <c>localcluster.canaryflow.io/ready-after</c> overrides it per template).</summary>
    public TimeSpan PodReadinessDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of how long a terminating simulated pod lingers before it is removed.</summary>
    public TimeSpan PodTerminationDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Run the simulated ReplicaSet controller and kubelet.</summary>
    public bool SimulateWorkloads { get; init; } = true;

    /// <summary>Run the simulated garbage collector (ownerReferences, background and foreground deletion).</summary>
    public bool GarbageCollection { get; init; } = true;

    /// <summary>Seed of the fault injector's random choices, for reproducible reliability tests.</summary>
    public int FaultSeed { get; init; } = 1;

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
