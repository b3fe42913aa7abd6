using System.Text.Json.Nodes;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Core.Rollouts;

/// <summary>A change the controller must make in the cluster; the decision lists them in the order to apply.</summary>
public abstract record RolloutAction;

/// <summary>Create the ReplicaSet of a template (name <c>&lt;rollout&gt;-&lt;hash&gt;</c>).</summary>
public sealed record CreateReplicaSet(string Name, string Hash, int Revision, JsonObject Template, int Replicas) : RolloutAction;

/// <summary>Set a ReplicaSet's replicas (and, for a delayed scale-down, record when it may reach zero).</summary>
public sealed record ScaleReplicaSet(string Name, int Replicas, DateTimeOffset? ScaleDownDeadline = null) : RolloutAction;

/// <summary>Delete an old ReplicaSet beyond revisionHistoryLimit.</summary>
public sealed record DeleteReplicaSet(string Name) : RolloutAction;

/// <summary>Point a Service's selector at the pods of one template hash.</summary>
public sealed record SelectReplicaSet(string Service, string Hash) : RolloutAction;

/// <summary>Send this share of traffic to the canary through the traffic router (none configured: no-op).</summary>
public sealed record SetTrafficWeight(int CanaryWeight) : RolloutAction;

/// <summary>
/// Delete the routes the controller created for the canary (the NGINX canary Ingress) once no canary is in flight: without
/// them the router sends everything to the stable Service.
/// </summary>
public sealed record RemoveManagedRoutes : RolloutAction;

/// <summary>Start an AnalysisRun for a step (or the background analysis).</summary>
public sealed record StartAnalysis(string Name, RolloutAnalysis Analysis, bool Background) : RolloutAction;

/// <summary>Stop an AnalysisRun that no longer matters (promoted, aborted, superseded).</summary>
public sealed record TerminateAnalysis(string Name) : RolloutAction;

/// <summary>A Kubernetes Event about the Rollout.</summary>
public sealed record RolloutEvent(string Type, string Reason, string Message)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}

/// <summary>
/// What to do for one Rollout now: the actions, the status it should have afterwards, the events to record, and the
/// exact time to look again (the end of a timed pause, a scale-down delay, the progress deadline), if any.
/// </summary>
public sealed record RolloutDecision(
    IReadOnlyList<RolloutAction> Actions,
    RolloutStatus Status,
    IReadOnlyList<RolloutEvent> Events,
    DateTimeOffset? RequeueAt);

/// <summary>Delete one pod so its ReplicaSet replaces it (restart); the uid guards against deleting its replacement.</summary>
public sealed record DeletePod(string Name, string Uid) : RolloutAction;

/// <summary>Which template a config-repo revision is looked up for.</summary>
public enum GitRevisionRole
{
    Stable,
    Canary,
}

/// <summary>
/// Find the config-repo commit that produced the template <paramref name="Hash"/> (status.git.stableRevision or
/// canaryRevision). Git work: the controller runs it off the reconcile path. <paramref name="Hint"/> is the sync tool's
/// revision, used only if its content yields the hash.
/// </summary>
public sealed record ResolveGitRevision(GitRevisionRole Role, string Hash, string? Hint) : RolloutAction;

/// <summary>
/// Commit the revert of the aborted template <paramref name="AbortedHash"/> to the config repo (restore the path to the
/// commit that produced <paramref name="StableHash"/>). Always listed after the actions that put traffic on stable.
/// </summary>
public sealed record RevertInGit(string AbortedHash, string StableHash, string? StableRevision, string Reason) : RolloutAction;
