using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Core.Tests.AnalysisRuns;

public sealed class AnalysisRunHistoryTests
{
    private static readonly DateTimeOffset _start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static AnalysisRun Run(string name, int minute, string? phase, string hash = "old") => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Namespace = "prod",
            CreationTimestamp = _start.AddMinutes(minute),
            Labels = new Dictionary<string, string> { [RolloutApi.PodTemplateHashLabel] = hash },
        },
        Status = phase is null ? null : new AnalysisRunStatus { Phase = phase },
    };

    private static List<string?> Names(IEnumerable<AnalysisRun> runs) => [.. runs.Select(r => r.Metadata.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_newest_finished_runs_of_each_outcome_stay_and_older_ones_go()
    {
        var runs = Enumerable.Range(0, 8).Select(i => Run($"ok-{i}", i, AnalysisPhases.Successful))
            .Concat(Enumerable.Range(0, 3).Select(i => Run($"bad-{i}", 10 + i, i == 0 ? AnalysisPhases.Failed : AnalysisPhases.Error)))
            .ToList();

        var pruned = AnalysisRunHistory.Prune(runs, currentPodHash: "new", successfulLimit: 5, unsuccessfulLimit: 2);

        Assert.Equal(["bad-0", "ok-0", "ok-1", "ok-2"], Names(pruned));
    }

    [Fact]
    public void Running_runs_and_runs_of_the_current_template_are_never_pruned()
    {
        var runs = new List<AnalysisRun>
        {
            Run("running", 0, AnalysisPhases.Running),
            Run("pending", 1, null),
            Run("current-failed", 2, AnalysisPhases.Failed, hash: "new"),
            Run("old-failed", 3, AnalysisPhases.Failed),
        };

        var pruned = AnalysisRunHistory.Prune(runs, currentPodHash: "new", successfulLimit: 0, unsuccessfulLimit: 0);

        Assert.Equal(["old-failed"], Names(pruned));
    }
}
