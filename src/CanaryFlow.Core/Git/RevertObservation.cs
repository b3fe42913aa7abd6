namespace CanaryFlow.Core.Git;

/// <summary>What the workspace saw in the config repo, freshly fetched, for one revert decision.</summary>
/// <param name="Head">The commit the revert would be made on (the branch head).</param>
/// <param name="StableEntries">Files under the path at the stable revision.</param>
/// <param name="HeadEntries">Files under the path at <paramref name="Head"/>.</param>
/// <param name="ChangesSinceStable">Commits after the stable revision up to Head that touch the path, newest first.</param>
/// <param name="CandidateReverts">Commits on the target ref after the stable revision, where an earlier run's revert would be.</param>
/// <param name="HeadYieldsAbortedTemplate">Whether the manifests at Head still produce the aborted template.</param>
public sealed record RevertObservation(
    string Head,
    IReadOnlyList<GitTreeEntry> StableEntries,
    IReadOnlyList<GitTreeEntry> HeadEntries,
    IReadOnlyList<GitCommit> ChangesSinceStable,
    IReadOnlyList<GitCommit> CandidateReverts,
    bool HeadYieldsAbortedTemplate);
