namespace CanaryFlow.Core.Git;

/// <summary>An aborted canary whose config-repo change is to be reverted.</summary>
/// <param name="AbortedHash">Pod-template hash of the aborted canary.</param>
/// <param name="StableRevision">Config-repo commit that produced the stable template (<c>status.git.stableRevision</c>).</param>
public sealed record RevertRequest(
    string Namespace,
    string Name,
    string AbortedHash,
    string StableRevision,
    string Branch,
    string Path,
    GitRevertMode Mode,
    RevertReason Reason)
{
    /// <summary>The value of the Rollout trailer: namespace/name.</summary>
    public string RolloutKey => $"{Namespace}/{Name}";

    /// <summary>Where the revert is pushed: the branch itself, or a review branch named after the Rollout and the hash.</summary>
    public string TargetBranch => Mode == GitRevertMode.Branch ? $"canaryflow/revert/{Namespace}-{Name}-{AbortedHash}" : Branch;
}
