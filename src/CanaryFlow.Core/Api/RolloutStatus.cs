using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Core.Api;

/// <summary>
/// Everything the controller needs to continue a Rollout after a restart: the state machine is reconstructed from
/// this on every reconcile, never kept in memory.
/// </summary>
public sealed record RolloutStatus : KubernetesRecord
{
    public long? ObservedGeneration { get; init; }

    /// <summary>Healthy, Progressing, Paused or Degraded.</summary>
    public string? Phase { get; init; }

    public string? Message { get; init; }

    /// <summary>Hash of the pod template of spec.template (the canary while an update is in flight).</summary>
    public string? CurrentPodHash { get; init; }

    /// <summary>The revision number of spec.template's ReplicaSet (the highest handed out, so two quick changes never share one).</summary>
    public int? CurrentRevision { get; init; }

    /// <summary>Hash of the stable ReplicaSet's template.</summary>
    [JsonPropertyName("stableRS")]
    public string? StableRs { get; init; }

    /// <summary>Index of the step being executed; equal to the number of steps when all are done.</summary>
    public int? CurrentStepIndex { get; init; }

    /// <summary>When the current step began (a timed pause ends relative to its pause condition instead).</summary>
    [JsonConverter(typeof(TimeJsonConverter))]
    public DateTimeOffset? CurrentStepStartedAt { get; init; }

    /// <summary>When the update last made progress (the progress deadline counts from here, not during pauses).</summary>
    [JsonConverter(typeof(TimeJsonConverter))]
    public DateTimeOffset? LastProgressAt { get; init; }

    public CanaryStatus? Canary { get; init; }

    /// <summary>Set by kubectl canaryflow abort (or by the controller when analysis fails); cleared by retry.</summary>
    public bool? Abort { get; init; }

    [JsonConverter(typeof(TimeJsonConverter))]
    public DateTimeOffset? AbortedAt { get; init; }

    public IReadOnlyList<PauseCondition>? PauseConditions { get; init; }

    /// <summary>
    /// True while the controller holds the rollout at a pause (a pause step or an analysis to confirm): when a
    /// user then removes the pause conditions (promote), the controller knows to move on.
    /// </summary>
    public bool? ControllerPause { get; init; }

    /// <summary>Why the last abort happened (the failed metric, value and condition, or "by user").</summary>
    public string? AbortReason { get; init; }

    /// <summary>The spec.restartAt whose restart has completed (every older pod replaced).</summary>
    [JsonConverter(typeof(TimeJsonConverter))]
    public DateTimeOffset? RestartedAt { get; init; }

    /// <summary>Set by kubectl canaryflow promote --full: skip the remaining steps and analysis.</summary>
    public bool? PromoteFull { get; init; }

    public int? Replicas { get; init; }

    public int? UpdatedReplicas { get; init; }

    public int? ReadyReplicas { get; init; }

    public int? AvailableReplicas { get; init; }

    /// <summary>The label selector as a string, for the scale subresource (HPA, kubectl scale).</summary>
    public string? Selector { get; init; }

    public IReadOnlyList<Condition>? Conditions { get; init; }

    public GitStatus? Git { get; init; }
}

public sealed record CanaryStatus : KubernetesRecord
{
    public TrafficWeights? Weights { get; init; }

    /// <summary>The AnalysisRun of the current analysis step, if any.</summary>
    public string? CurrentStepAnalysisRun { get; init; }

    public string? CurrentBackgroundAnalysisRun { get; init; }

    /// <summary>Available pods of the canary ReplicaSet (progress is measured against it).</summary>
    public int? AvailableReplicas { get; init; }

    /// <summary>
    /// Held while the controller pauses for an inconclusive background analysis; Accepted once a person promoted past
    /// it (the run stays inconclusive, so without this it would pause again); absent otherwise.
    /// </summary>
    public string? BackgroundAnalysisHold { get; init; }

    /// <summary>
    /// Counts canary starts and retries of this Rollout, never reset: AnalysisRun names carry it, so a retry or a
    /// template that comes back gets fresh runs instead of finding the failed ones again.
    /// </summary>
    public int? Attempt { get; init; }
}

public sealed record TrafficWeights : KubernetesRecord
{
    public int? Canary { get; init; }

    public int? Stable { get; init; }
}

/// <summary>Why the rollout is paused and since when (a timed pause step ends at startTime + duration).</summary>
public sealed record PauseCondition : KubernetesRecord
{
    /// <summary>CanaryPauseStep, UserPause, AnalysisInconclusive or AnalysisFailed.</summary>
    public string? Reason { get; init; }

    [JsonConverter(typeof(TimeJsonConverter))]
    public DateTimeOffset? StartTime { get; init; }
}

public sealed record GitStatus : KubernetesRecord
{
    /// <summary>The config-repo commit that produced the stable template (found by content).</summary>
    public string? StableRevision { get; init; }

    /// <summary>The template hash <see cref="StableRevision"/> was found for: a promotion makes it stale.</summary>
    public string? StableHash { get; init; }

    /// <summary>The config-repo commit that produced the canary template in flight.</summary>
    public string? CanaryRevision { get; init; }

    /// <summary>The template hash <see cref="CanaryRevision"/> was found for.</summary>
    public string? CanaryHash { get; init; }

    /// <summary>The commit that reverted the aborted template <see cref="RevertedHash"/> in the config repo.</summary>
    public string? RevertCommit { get; init; }

    /// <summary>The aborted template hash that <see cref="RevertCommit"/> reverts: one revert per aborted template.</summary>
    public string? RevertedHash { get; init; }

    [JsonConverter(typeof(TimeJsonConverter))]
    public DateTimeOffset? RevertedAt { get; init; }

    /// <summary>Template hashes that were aborted: Git bringing one back starts no canary until retry.</summary>
    public IReadOnlyList<string>? Rejected { get; init; }
}
