namespace CanaryFlow.Controller.Demo;

/// <summary>One chapter of the story and how it ended.</summary>
public sealed record DemoStage(string Name, bool Succeeded, string Detail);

/// <summary>What the demo showed, for its exit code and for the test that runs it.</summary>
public sealed record DemoReport
{
    public required IReadOnlyList<DemoStage> Stages { get; init; }

    public bool Succeeded => Stages.Count > 0 && Stages.All(s => s.Succeeded);

    public required TimeSpan Duration { get; init; }

    /// <summary>"prometheus" or "web".</summary>
    public required string MetricsSource { get; init; }

    public string? V1Hash { get; init; }

    public string? V2Hash { get; init; }

    public string? V3Hash { get; init; }

    /// <summary>The canary weights seen while v2 rolled out, in order.</summary>
    public IReadOnlyList<int> V2Weights { get; init; } = [];

    /// <summary>The final phase of each AnalysisRun of the demo, by name.</summary>
    public IReadOnlyDictionary<string, string> AnalysisRuns { get; init; } = new Dictionary<string, string>();

    /// <summary>CI's release commits: the revert restores the overlay to v2's.</summary>
    public string? V2Commit { get; init; }

    public string? V3Commit { get; init; }

    public string? AbortReason { get; init; }

    /// <summary>Where the shoppers' requests went once v3 was aborted.</summary>
    public TrafficSnapshot? TrafficAfterAbort { get; init; }

    /// <summary>The revert commit CanaryFlow pushed, if it did.</summary>
    public string? RevertCommit { get; init; }

    /// <summary><c>git show --stat</c> of the revert commit.</summary>
    public string? RevertStat { get; init; }

    /// <summary>The demo overlay's kustomization.yaml at the revert commit.</summary>
    public string? RevertedKustomization { get; init; }

    /// <summary>The Rollout when the story ended.</summary>
    public RolloutSnapshot? Final { get; init; }
}
