namespace CanaryFlow.Controller.Git;

/// <summary>Finds the config-repo commit that produced a Rollout's stable template (<c>status.git.stableRevision</c>).</summary>
internal interface IHealthyRevisionFinder
{
    /// <summary>
    /// Newest commit on the fetched branch (first-parent walk, bounded depth, default 200) whose manifests under Path
    /// yield Rollout Namespace/Name with TemplateHash. The hint (sync tool revision) is tried first and used only if it yields the hash.
    /// Null when no commit within the depth yields it.
    /// </summary>
    Task<HealthyRevision?> FindAsync(GitRepository repository, HealthyRevisionQuery query, CancellationToken cancellationToken);
}

internal sealed record HealthyRevisionQuery(string Branch, string Path, string Namespace, string Name, string TemplateHash, string? RevisionHint);

internal sealed record HealthyRevision(string Commit, bool FromHint);
