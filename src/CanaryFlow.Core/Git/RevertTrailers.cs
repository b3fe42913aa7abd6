namespace CanaryFlow.Core.Git;

/// <summary>
/// The trailers of a CanaryFlow revert commit. They are the only memory a restarted controller needs: finding a
/// commit with this Rollout and this aborted hash means the revert was already made.
/// </summary>
public static class RevertTrailers
{
    public const string Rollout = "CanaryFlow-Rollout";
    public const string AbortedTemplate = "CanaryFlow-Aborted-Template";
    public const string Restores = "CanaryFlow-Restores";
    public const string Reverts = "CanaryFlow-Reverts";

    /// <summary>True when <paramref name="commit"/> is the revert of this aborted template of this Rollout.</summary>
    public static bool IsRevertOf(GitCommit commit, RevertRequest request)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(request);
        var trailers = commit.Trailers;
        return trailers.Value(Rollout) == request.RolloutKey && trailers.Value(AbortedTemplate) == request.AbortedHash;
    }

    /// <summary>True for any revert CanaryFlow made, whatever the Rollout.</summary>
    public static bool IsCanaryFlowRevert(GitCommit commit)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return commit.Trailers.Value(Rollout) is not null && commit.Trailers.Value(AbortedTemplate) is not null;
    }
}
