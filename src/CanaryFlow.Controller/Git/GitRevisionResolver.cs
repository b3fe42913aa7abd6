using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Events;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// Finds the config-repo commit that produced a template (status.git.stableRevision / canaryRevision) and records it.
/// Works from a fresh copy of the Rollout (the submitted one may be minutes old by the time a worker is free), so a
/// lookup nobody wants any more costs one GET, not a fetch. A template no commit yields (applied by hand, or from another
/// branch) gives a Warning (one Event series) and is looked up again after the back-off.
/// </summary>
internal sealed partial class GitRevisionResolver
{
    private readonly ResourceClient<Rollout> _rollouts;
    private readonly GitWorkspace _workspace;
    private readonly IHealthyRevisionFinder _finder;
    private readonly IGitCredentialSource _credentials;
    private readonly RolloutGitStatusWriter _status;
    private readonly IEventRecorder _events;
    private readonly ILogger _logger;

    public GitRevisionResolver(ResourceClient<Rollout> rollouts, GitWorkspace workspace, IHealthyRevisionFinder finder, IGitCredentialSource credentials, RolloutGitStatusWriter status, IEventRecorder events, ILogger logger)
    {
        _rollouts = rollouts;
        _workspace = workspace;
        _finder = finder;
        _credentials = credentials;
        _status = status;
        _events = events;
        _logger = logger;
    }

    public async Task<GitWorkOutcome> ResolveAsync(Rollout observed, ResolveGitRevision work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(work);
        var rollout = await _rollouts.TryGetAsync(observed.Metadata.Namespace, observed.Metadata.Name!, cancellationToken).ConfigureAwait(false);
        if (rollout is null || !StillWanted(rollout, work))
        {
            return GitWorkOutcome.Done;
        }

        var git = rollout.Spec!.Git!;

        var ns = rollout.Metadata.Namespace ?? "";
        var name = rollout.Metadata.Name ?? "";
        try
        {
            var found = await FindAsync(rollout, git, work.Hash, work.Hint, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                var message = $"No commit on {GitRemote.Redact(git.RepoUrl!)} branch {BranchOf(git)} yields template {work.Hash} under {git.Path}: the {work.Role.ToString().ToLowerInvariant()} revision stays unknown";
                LogNotFound(_logger, ns, name, work.Role, work.Hash);
                _events.Record(rollout, EventTypes.Warning, "GitRevisionNotFound", "ResolveGitRevision", message);
                return GitWorkOutcome.RetryLater;
            }

            await _status.RecordRevisionAsync(rollout, git, work.Role, work.Hash, found.Commit, cancellationToken).ConfigureAwait(false);
            LogFound(_logger, ns, name, work.Role, work.Hash, found.Commit, found.FromHint);
            return GitWorkOutcome.Done;
        }
        catch (Exception e) when (GitFailure.IsExpected(e))
        {
            LogFailed(_logger, ns, name, work.Role, GitFailure.Describe(e));
            return GitWorkOutcome.RetryLater;
        }
    }

    /// <summary>spec.git is still set, the template still has that role, and no commit is recorded for it yet.</summary>
    public static bool StillWanted(Rollout rollout, ResolveGitRevision work)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(work);
        if (rollout.Spec?.Git is not { RepoUrl.Length: > 0, Path.Length: > 0 } || rollout.Status is not { } status)
        {
            return false;
        }

        var git = status.Git;
        return work.Role == GitRevisionRole.Stable
            ? status.StableRs == work.Hash && !(git?.StableHash == work.Hash && git.StableRevision is not null)
            : status.CurrentPodHash == work.Hash && status.StableRs != work.Hash && !(git?.CanaryHash == work.Hash && git.CanaryRevision is not null);
    }

    /// <summary>Fetches the branch and walks it for the newest commit that yields the template.</summary>
    public async Task<HealthyRevision?> FindAsync(Rollout rollout, GitSpec git, string hash, string? hint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(git);
        var credentials = await _credentials.ReadAsync(rollout.Metadata.Namespace ?? "", git, cancellationToken).ConfigureAwait(false);
        await using var repository = await _workspace.OpenAsync(new GitRemote(git.RepoUrl!, credentials), cancellationToken).ConfigureAwait(false);
        var branch = BranchOf(git);
        if (await repository.FetchBranchAsync(branch, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new GitRevertException($"branch {branch} does not exist in {repository.DisplayUrl}");
        }

        var query = new HealthyRevisionQuery(branch, git.Path!, rollout.Metadata.Namespace ?? "", rollout.Metadata.Name ?? "", hash, hint);
        return await _finder.FindAsync(repository, query, cancellationToken).ConfigureAwait(false);
    }

    public static string BranchOf(GitSpec git) => string.IsNullOrEmpty(git.Branch) ? "main" : git.Branch;

    [LoggerMessage(Level = LogLevel.Information, Message = "Git revision of {Namespace}/{Name} {Role} template {Hash}: {Commit} (from the sync tool's hint: {FromHint})")]
    private static partial void LogFound(ILogger logger, string @namespace, string name, GitRevisionRole role, string hash, string commit, bool fromHint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Git revision of {Namespace}/{Name} {Role} template {Hash}: no commit yields it")]
    private static partial void LogNotFound(ILogger logger, string @namespace, string name, GitRevisionRole role, string hash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Git revision of {Namespace}/{Name} {Role} template: {Problem}; trying again later")]
    private static partial void LogFailed(ILogger logger, string @namespace, string name, GitRevisionRole role, string problem);
}
