namespace CanaryFlow.Controller.Demo;

/// <summary>
/// How long each part of the story takes. Normal is paced for a person to watch (about two minutes); fast keeps the
/// same story for the test suite.
/// </summary>
public sealed record DemoTimings
{
    public static DemoTimings Normal { get; } = new();

    public static DemoTimings Fast { get; } = new()
    {
        PodReadinessDelay = TimeSpan.FromMilliseconds(300),
        PauseSeconds = 2,
        AnalysisInterval = "1s",
        AnalysisInitialDelay = "3s",
        RateWindow = "5s",
        ScaleDownDelaySeconds = 2,
        SyncInterval = TimeSpan.FromMilliseconds(500),
        StatusPollInterval = TimeSpan.FromMilliseconds(200),
        Heartbeat = TimeSpan.FromSeconds(5),
        StageTimeout = TimeSpan.FromSeconds(90),
        RevertTimeout = TimeSpan.FromSeconds(10),
        PauseBetweenStages = TimeSpan.Zero,
    };

    /// <summary>How long a simulated pod takes to become Ready.</summary>
    public TimeSpan PodReadinessDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Each timed pause step of the demo overlay.</summary>
    public int PauseSeconds { get; init; } = 12;

    /// <summary>Between two measurements of an analysis metric (three are taken).</summary>
    public string AnalysisInterval { get; init; } = "5s";

    /// <summary>Before the first measurement, so Prometheus has scraped the canary's first requests.</summary>
    public string AnalysisInitialDelay { get; init; } = "5s";

    /// <summary>The PromQL range (and the web stats window) the analysis looks back over.</summary>
    public string RateWindow { get; init; } = "15s";

    public int ScaleDownDelaySeconds { get; init; } = 5;

    /// <summary>How often the sync loop fetches the config repo (Argo CD polls every 3 minutes; a webhook is quicker).</summary>
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan StatusPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A progress line is printed at least this often while a stage waits.</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan StageTimeout { get; init; } = TimeSpan.FromSeconds(150);

    /// <summary>How long the story waits for the controller's revert commit after an abort.</summary>
    public TimeSpan RevertTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>A breath between stages, so a person can read what happened.</summary>
    public TimeSpan PauseBetweenStages { get; init; } = TimeSpan.FromSeconds(2);

    public int RequestsPerSecond { get; init; } = 25;
}
