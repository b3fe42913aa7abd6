using CanaryFlow.Core.Api;
using CanaryFlow.Core.Git;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Client;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// The revert after an abort, once traffic is on stable: checks on a fresh copy that the abort still stands, finds the
/// stable revision if it is not known yet, lets <see cref="GitRevertExecutor"/> commit and push, and records the result
/// (status.git.revertCommit, Event GitRevertPushed) or the failure (condition GitRevertFailed, Warning Event). Whatever
/// Git does, traffic stays where the abort put it.
/// </summary>
internal sealed partial class GitRevertRunner
{
    private readonly ResourceClient<Rollout> _rollouts;
    private readonly GitRevertExecutor _executor;
    private readonly GitRevisionResolver _revisions;
    private readonly IGitCredentialSource _credentials;
    private readonly RolloutGitStatusWriter _status;
    private readonly ILogger _logger;

    public GitRevertRunner(ResourceClient<Rollout> rollouts, GitRevertExecutor executor, GitRevisionResolver revisions, IGitCredentialSource credentials, RolloutGitStatusWriter status, ILogger logger)
    {
        _rollouts = rollouts;
        _executor = executor;
        _revisions = revisions;
        _credentials = credentials;
        _status = status;
        _logger = logger;
    }

    public async Task<GitWorkOutcome> RevertAsync(Rollout observed, RevertInGit work, CancellationToken cancellationToken)
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
            // The recorded revision is only a hint, checked like the sync tool's: it was found for the spec.git of its time,
            // and restoring a path to a commit that does not yield the stable template there (spec.git.path or repoURL
            // changed since) would delete or rewrite the app's manifests.
            var stableRevision = (await _revisions.FindAsync(rollout, git, work.StableHash, work.StableRevision, cancellationToken).ConfigureAwait(false))?.Commit
                ?? throw new GitRevertException($"no commit on branch {GitRevisionResolver.BranchOf(git)} yields the stable template {work.StableHash} under {git.Path}, so there is nothing known-good to restore");
            var mode = GitRevertModes.Parse(git.Revert);
            var request = new RevertRequest(ns, name, work.AbortedHash, stableRevision, GitRevisionResolver.BranchOf(git), git.Path!, mode, RevertReason.FromAbortReason(work.Reason));
            var credentials = await _credentials.ReadAsync(ns, git, cancellationToken).ConfigureAwait(false);
            var result = await _executor.RevertAsync(new GitRemote(git.RepoUrl!, credentials), request, cancellationToken).ConfigureAwait(false);
            return await RecordAsync(rollout, work, request, result, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (GitFailure.IsExpected(e))
        {
            LogFailed(_logger, ns, name, work.AbortedHash, GitFailure.Describe(e));
            await _status.RecordRevertFailedAsync(rollout, work.AbortedHash, GitFailure.ReasonOf(e), $"Reverting template {work.AbortedHash} in {GitRemote.Redact(git.RepoUrl!)} failed: {GitFailure.Describe(e)}; traffic stays on stable", cancellationToken).ConfigureAwait(false);
            return GitWorkOutcome.RetryLater;
        }
    }

    /// <summary>The abort of that template still stands and no revert is recorded for it.</summary>
    private static bool StillWanted(Rollout rollout, RevertInGit work) =>
        rollout.Spec?.Git is { RepoUrl: not null, Path: not null } git && git.Revert != "none"
        && rollout.Status is { Abort: true } status
        && status.CurrentPodHash == work.AbortedHash
        && status.Git?.RevertedHash != work.AbortedHash;

    private async Task<GitWorkOutcome> RecordAsync(Rollout rollout, RevertInGit work, RevertRequest request, GitRevertResult result, CancellationToken cancellationToken)
    {
        switch (result.Kind)
        {
            case GitRevertResultKind.Pushed:
                await _status.RecordRevertAsync(rollout, work.AbortedHash, result.Commit, "GitRevertPushed",
                    $"Reverted {request.Path} to {Short(request.StableRevision)} in commit {Short(result.Commit)} pushed to {result.Branch}", cancellationToken).ConfigureAwait(false);
                return GitWorkOutcome.Done;
            case GitRevertResultKind.AlreadyReverted:
                await _status.RecordRevertAsync(rollout, work.AbortedHash, result.Commit, "GitRevertPushed",
                    $"Found the revert of template {work.AbortedHash} already in commit {Short(result.Commit)}", cancellationToken).ConfigureAwait(false);
                return GitWorkOutcome.Done;
            case GitRevertResultKind.NotNeeded:
                await _status.RecordRevertAsync(rollout, work.AbortedHash, null, "GitRevertNotNeeded",
                    $"No revert commit made: {result.Reason}", cancellationToken).ConfigureAwait(false);
                return GitWorkOutcome.Done;
            default:
                // Refused (it would revert a CanaryFlow revert): a person decides; asked again only after the back-off.
                await _status.RecordRevertFailedAsync(rollout, work.AbortedHash, "GitRevertRefused", $"No revert commit made: {result.Reason}", cancellationToken).ConfigureAwait(false);
                return GitWorkOutcome.RetryLater;
        }
    }

    private static string Short(string? commit) => commit is { Length: > 12 } ? commit[..12] : commit ?? "";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revert of {Namespace}/{Name} template {Hash} failed: {Problem}; traffic stays on stable, trying again later")]
    private static partial void LogFailed(ILogger logger, string @namespace, string name, string hash, string problem);
}
