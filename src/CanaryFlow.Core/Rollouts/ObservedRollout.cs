using System.Text.Json.Nodes;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Core.Rollouts;

/// <summary>
/// Everything the decision needs, as the controller observed it in its caches: the Rollout, the ReplicaSets it owns,
/// the Services it steers, its traffic router and the analysis runs of the update. Core decides from this and the clock
/// alone.
/// </summary>
public sealed record ObservedRollout
{
    public required Rollout Rollout { get; init; }

    public IReadOnlyList<ObservedReplicaSet> ReplicaSets { get; init; } = [];

    public ObservedService? StableService { get; init; }

    public ObservedService? CanaryService { get; init; }

    /// <summary>The Rollout's pods; observed only while a restart is pending (see <see cref="RolloutRestart.Pending"/>).</summary>
    public IReadOnlyList<ObservedPod>? Pods { get; init; }

    /// <summary>
    /// The traffic router of spec.strategy.canary.trafficRouting as read back from its objects. Null without a router, or
    /// when the caller does not observe it: the router is then taken to have the weight the status says was last set.
    /// </summary>
    public ObservedTrafficRouter? TrafficRouter { get; init; }

    /// <summary>Analysis runs of this Rollout by name (step and background).</summary>
    public IReadOnlyDictionary<string, ObservedAnalysis> Analyses { get; init; } = new Dictionary<string, ObservedAnalysis>();
}

/// <summary>A ReplicaSet owned by the Rollout.</summary>
public sealed record ObservedReplicaSet
{
    public required string Name { get; init; }

    /// <summary>Its <c>rollouts-pod-template-hash</c>.</summary>
    public required string Hash { get; init; }

    public int Revision { get; init; }

    /// <summary>spec.replicas.</summary>
    public int Replicas { get; init; }

    public int ReadyReplicas { get; init; }

    public int AvailableReplicas { get; init; }

    /// <summary>status.replicas: pods that exist (including ones still starting).</summary>
    public int CurrentReplicas { get; init; }

    /// <summary>False while the ReplicaSet's status is older than its spec (counts not trustworthy yet).</summary>
    public bool StatusCurrent { get; init; } = true;

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The template as stored on the ReplicaSet, with the API server's defaults in it (undo's fallback).</summary>
    public JsonObject? Template { get; init; }

    /// <summary>
    /// The value of its <see cref="RolloutTemplateAnnotation.Key"/> annotation: the Rollout's template as hashed, which
    /// undo writes back (null on ReplicaSets created before the controller wrote it).
    /// </summary>
    public string? TemplateAnnotation { get; init; }

    /// <summary>When the controller scaled it down with a delay: the time it may go to zero.</summary>
    public DateTimeOffset? ScaleDownDeadline { get; init; }
}

/// <summary>A pod of one of the Rollout's ReplicaSets.</summary>
public sealed record ObservedPod(string Name, string Uid, string Hash, DateTimeOffset? CreatedAt, bool Ready, bool Terminating);

/// <summary>A Service the Rollout steers: its name and the pod-template-hash its selector points at (null: none).</summary>
public sealed record ObservedService(string Name, string? SelectedHash, bool Exists = true);

public enum AnalysisPhase
{
    Pending,
    Running,
    Successful,
    Failed,
    Error,
    Inconclusive,
}

/// <summary>An AnalysisRun's outcome so far, with the explanation a person needs (metric, value, condition).</summary>
public sealed record ObservedAnalysis(string Name, AnalysisPhase Phase, string? Message = null)
{
    public bool IsCompleted => Phase is AnalysisPhase.Successful or AnalysisPhase.Failed or AnalysisPhase.Error or AnalysisPhase.Inconclusive;
}
