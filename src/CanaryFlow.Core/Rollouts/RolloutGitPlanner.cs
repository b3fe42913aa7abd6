using CanaryFlow.Core.Api;
using CanaryFlow.Core.Git;

namespace CanaryFlow.Core.Rollouts;

/// <summary>
/// The config-repo work a decision asks for (spec.git set): which commits produced the stable and canary templates,
/// and, after an abort, the revert. Listed last, so the actuator has put traffic on stable before any Git work is handed
/// off. Asked for again on every reconcile until status.git shows it done, which makes it survive a restart; the
/// runner deduplicates.
/// </summary>
internal static class RolloutGitPlanner
{
    /// <summary>spec.git names a repository and path and asks for reverts.</summary>
    public static bool Reverts(GitSpec? spec) => spec is { RepoUrl.Length: > 0, Path.Length: > 0 } && spec.Revert != "none";

    public static void Plan(RolloutPlan plan)
    {
        var spec = plan.Spec.Git;
        if (spec is null || string.IsNullOrEmpty(spec.RepoUrl) || string.IsNullOrEmpty(spec.Path) || plan.StableHash is null)
        {
            return;
        }

        var git = plan.Git ?? new GitStatus();
        var steady = plan.CurrentHash == plan.StableHash;
        var hint = GitRevisionHint.From(plan.Rollout.Metadata.Annotations);
        if (git.StableHash != plan.StableHash || git.StableRevision is null)
        {
            // The hint names what the sync tool applied, which yields the current template; for the stable one only
            // when they are the same.
            plan.Actions.Add(new ResolveGitRevision(GitRevisionRole.Stable, plan.StableHash, steady ? hint : null));
        }

        if (!steady && (git.CanaryHash != plan.CurrentHash || git.CanaryRevision is null))
        {
            plan.Actions.Add(new ResolveGitRevision(GitRevisionRole.Canary, plan.CurrentHash, hint));
        }

        if (plan.Abort && !steady && !plan.StableMissing && Reverts(spec)
            && git.Rejected?.Contains(plan.CurrentHash) == true && git.RevertedHash != plan.CurrentHash)
        {
            var stableRevision = git.StableHash == plan.StableHash ? git.StableRevision : null;
            plan.Actions.Add(new RevertInGit(plan.CurrentHash, plan.StableHash, stableRevision, plan.AbortReason ?? "aborted"));
        }
    }
}
