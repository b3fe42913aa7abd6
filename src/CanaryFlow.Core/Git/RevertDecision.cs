namespace CanaryFlow.Core.Git;

/// <summary>The outcome of <see cref="RevertPlanner"/>.</summary>
public abstract record RevertDecision
{
    private RevertDecision()
    {
    }

    /// <summary>Make one commit on <paramref name="Parent"/> with these changes and push it to <paramref name="TargetBranch"/>.</summary>
    public sealed record MakeCommit(string Parent, GitTreeChanges Changes, string Message, string TargetBranch, IReadOnlyList<string> RevertedCommits) : RevertDecision;

    /// <summary>An earlier run (perhaps of a controller since killed) already pushed this revert.</summary>
    public sealed record AlreadyReverted(string Commit) : RevertDecision;

    /// <summary>Nothing to revert: disabled, or HEAD was already fixed by someone else.</summary>
    public sealed record NotNeeded(string Reason) : RevertDecision;

    /// <summary>A revert that must not be automatic (it would undo a CanaryFlow revert); a person decides.</summary>
    public sealed record Refused(string Reason) : RevertDecision;
}
