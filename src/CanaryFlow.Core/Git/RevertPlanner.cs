namespace CanaryFlow.Core.Git;

/// <summary>
/// Decides the revert of an aborted canary's config-repo change (rollout-semantics.md section 6) from what the
/// workspace observed. The guards come in the order that keeps every run idempotent: an existing revert is found
/// first (so a restart reports it rather than judging HEAD it already fixed), then HEAD already fixed, then the
/// refusal to revert a revert.
/// </summary>
public static class RevertPlanner
{
    public static RevertDecision Decide(RevertRequest request, RevertObservation observation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(observation);
        if (request.Mode == GitRevertMode.None)
        {
            return new RevertDecision.NotNeeded("spec.git.revert is none");
        }

        var existing = observation.CandidateReverts.FirstOrDefault(commit => RevertTrailers.IsRevertOf(commit, request));
        if (existing is not null)
        {
            return new RevertDecision.AlreadyReverted(existing.Sha);
        }

        if (!observation.HeadYieldsAbortedTemplate)
        {
            return new RevertDecision.NotNeeded($"{request.Branch} at {observation.Head} no longer yields template {request.AbortedHash}");
        }

        var changes = RevertTreeDiff.Compute(observation.StableEntries, observation.HeadEntries);
        if (changes.IsEmpty)
        {
            return new RevertDecision.NotNeeded($"{request.Path} at {observation.Head} already equals {request.StableRevision}");
        }

        var revert = observation.ChangesSinceStable.FirstOrDefault(RevertTrailers.IsCanaryFlowRevert);
        if (revert is not null)
        {
            return new RevertDecision.Refused($"reverting {request.Path} would undo CanaryFlow revert {revert.Sha}; reverting a revert is never automatic");
        }

        return new RevertDecision.MakeCommit(
            observation.Head,
            changes,
            RevertCommitMessage.Build(request, observation.ChangesSinceStable),
            request.TargetBranch,
            observation.ChangesSinceStable.Select(commit => commit.Sha).ToList());
    }
}
