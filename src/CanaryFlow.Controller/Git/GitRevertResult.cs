namespace CanaryFlow.Controller.Git;

/// <summary>How a revert ended; failures are exceptions (<see cref="GitCommandException"/>, <see cref="GitRevertException"/>).</summary>
internal enum GitRevertResultKind
{
    /// <summary>A revert commit was pushed by this run.</summary>
    Pushed,

    /// <summary>An earlier run already pushed it (found by its trailers).</summary>
    AlreadyReverted,

    /// <summary>Nothing to do: revert is none, or HEAD was already fixed.</summary>
    NotNeeded,

    /// <summary>Would revert a CanaryFlow revert: left to a person.</summary>
    Refused,
}

/// <summary>The result for status.git (revertCommit) and the GitRevertPushed Event.</summary>
internal sealed record GitRevertResult(GitRevertResultKind Kind, string? Commit, string? Branch, string Reason);
