using CanaryFlow.Core.Api;

namespace CanaryFlow.Core.Analysis;

/// <summary>
/// Which finished AnalysisRuns of one Rollout to delete: runs pile up with every update, and each holds its
/// measurements. The newest few of each outcome stay for people to read; runs of the Rollout's current pod
/// template stay whatever their number (the Rollout may still be reporting on them), and so do unfinished ones.
/// </summary>
public static class AnalysisRunHistory
{
    public const int SuccessfulLimit = 5;
    public const int UnsuccessfulLimit = 5;

    public static IReadOnlyList<AnalysisRun> Prune(IEnumerable<AnalysisRun> runs, string? currentPodHash, int successfulLimit = SuccessfulLimit, int unsuccessfulLimit = UnsuccessfulLimit)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var finished = runs
            .Where(r => AnalysisPhases.IsCompleted(r.Status?.Phase) && r.Metadata.DeletionTimestamp is null)
            .Where(r => r.Metadata.Labels?.GetValueOrDefault(RolloutApi.PodTemplateHashLabel) is not { } hash || hash != currentPodHash)
            .OrderByDescending(r => r.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue)
            .ThenByDescending(r => r.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        var successful = finished.Where(r => r.Status!.Phase == AnalysisPhases.Successful).Skip(Math.Max(successfulLimit, 0));
        var unsuccessful = finished.Where(r => r.Status!.Phase != AnalysisPhases.Successful).Skip(Math.Max(unsuccessfulLimit, 0));
        return [.. successful.Concat(unsuccessful)];
    }
}
