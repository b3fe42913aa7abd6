namespace CanaryFlow.Controller.Demo;

/// <summary>Where the analysis reads the canary's figures.</summary>
public enum DemoMetricsSource
{
    /// <summary>Prometheus when it is installed, else the web provider.</summary>
    Auto,
    Prometheus,
    Web,
}

/// <summary>How the demo runs: <c>demo [--keep] [--fast] [--metrics auto|prometheus|web]</c>.</summary>
public sealed record DemoOptions
{
    /// <summary>Leave everything running after the story, until Ctrl+C.</summary>
    public bool Keep { get; init; }

    public DemoTimings Timings { get; init; } = DemoTimings.Normal;

    public DemoMetricsSource Metrics { get; init; } = DemoMetricsSource.Auto;

    /// <summary>When the story is incomplete, keep the demo's directory (controller log, config repo) for a person to read.</summary>
    public bool KeepFilesOnFailure { get; init; } = true;
}
