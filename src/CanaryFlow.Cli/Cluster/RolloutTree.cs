using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Cli.Cluster;

/// <summary>A Rollout and the objects it owns, as read at one moment: its ReplicaSets, their pods and its AnalysisRuns, and the
/// resourceVersion of the lists (to watch for what changes after them).</summary>
internal sealed record RolloutTree(
    Rollout Rollout,
    IReadOnlyList<ReplicaSet> ReplicaSets,
    IReadOnlyList<Pod> Pods,
    IReadOnlyList<AnalysisRun> AnalysisRuns,
    string ResourceVersion);
