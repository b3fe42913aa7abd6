using CanaryFlow.Core.Git;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// Carries out the revert of an aborted canary in the config repo: fetch, observe, let <see cref="RevertPlanner"/>
/// decide, commit, push without force; a rejected push starts again from a fresh fetch so that a commit pushed by
/// someone else in between is kept and re-judged. Holds the repository's lock for the whole run.
/// </summary>
internal sealed class GitRevertExecutor
{
    private readonly GitWorkspace _workspace;
    private readonly ITemplateProbe _probe;
    private readonly GitRevertRetryPolicy _retry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public GitRevertExecutor(GitWorkspace workspace, ITemplateProbe probe, GitRevertRetryPolicy retry, TimeProvider time, ILogger logger)
    {
        _workspace = workspace;
        _probe = probe;
        _retry = retry;
        _time = time;
        _logger = logger;
    }

    public async Task<GitRevertResult> RevertAsync(GitRemote remote, RevertRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var repository = await _workspace.OpenAsync(remote, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var prepared = await PrepareAsync(repository, request, cancellationToken);
            if (prepared.Decision is not RevertDecision.MakeCommit make)
            {
                var skipped = Describe(prepared.Decision);
                GitRevertLog.Skipped(_logger, request.RolloutKey, request.AbortedHash, skipped.Kind, skipped.Reason);
                return skipped;
            }

            if (await repository.PushAsync(prepared.Commit!, make.TargetBranch, cancellationToken) == GitPushOutcome.Pushed)
            {
                GitRevertLog.Pushed(_logger, request.RolloutKey, request.AbortedHash, prepared.Commit!, make.TargetBranch, attempt);
                return new GitRevertResult(GitRevertResultKind.Pushed, prepared.Commit, make.TargetBranch, $"reverted {make.RevertedCommits.Count} commit(s)");
            }

            if (attempt >= _retry.MaxAttempts)
            {
                throw new GitRevertException($"push of the revert to {make.TargetBranch} was rejected {attempt} times as not a fast-forward; never forced");
            }

            var backoff = _retry.BackoffAfter(attempt);
            GitRevertLog.Retrying(_logger, request.RolloutKey, request.AbortedHash, make.TargetBranch, attempt, backoff);
            await Task.Delay(backoff, _time, cancellationToken);
        }
    }

    /// <summary>
    /// One fetch-observe-decide-commit pass; the commit (if any) is not pushed. Separate so that tests can stop a run
    /// exactly where a killed controller would.
    /// </summary>
    public async Task<PreparedRevert> PrepareAsync(GitRepository repository, RevertRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(request);
        var observation = await ObserveAsync(repository, request, cancellationToken);
        var decision = RevertPlanner.Decide(request, observation);
        if (decision is not RevertDecision.MakeCommit make)
        {
            return new PreparedRevert(decision, null);
        }

        var commit = await repository.CommitAsync(make.Parent, make.Changes, make.Message, cancellationToken);
        GitRevertLog.Committed(_logger, request.RolloutKey, request.AbortedHash, commit, make.Parent, make.TargetBranch);
        return new PreparedRevert(decision, commit);
    }

    private async Task<RevertObservation> ObserveAsync(GitRepository repository, RevertRequest request, CancellationToken cancellationToken)
    {
        var head = await repository.FetchBranchAsync(request.Branch, cancellationToken)
            ?? throw new GitRevertException($"branch {request.Branch} does not exist in {repository.DisplayUrl}");
        var stable = await repository.ResolveAsync(request.StableRevision, cancellationToken)
            ?? throw new GitRevertException($"stable revision {request.StableRevision} is not in {repository.DisplayUrl} (history rewritten?)");
        var stableEntries = await repository.ListTreeAsync(stable, request.Path, cancellationToken);
        var headEntries = await repository.ListTreeAsync(head, request.Path, cancellationToken);
        var changes = await repository.LogAsync(stable, head, request.Path, cancellationToken);
        var candidates = await CandidateRevertsAsync(repository, request, stable, head, cancellationToken);
        var yields = await _probe.YieldsAbortedTemplateAsync(repository, head, request, cancellationToken);
        return new RevertObservation(head, stableEntries, headEntries, changes, candidates, yields);
    }

    // Where an earlier run's revert would be: on the branch itself, or on the review branch in branch mode.
    private static async Task<IReadOnlyList<GitCommit>> CandidateRevertsAsync(GitRepository repository, RevertRequest request, string stable, string head, CancellationToken cancellationToken)
    {
        if (request.Mode != GitRevertMode.Branch)
        {
            return await repository.LogAsync(stable, head, null, cancellationToken);
        }

        var review = await repository.FetchBranchAsync(request.TargetBranch, cancellationToken);
        return review is null ? [] : await repository.LogAsync(stable, review, null, cancellationToken);
    }

    private static GitRevertResult Describe(RevertDecision decision) => decision switch
    {
        RevertDecision.AlreadyReverted already => new(GitRevertResultKind.AlreadyReverted, already.Commit, null, $"already reverted by {already.Commit}"),
        RevertDecision.NotNeeded notNeeded => new(GitRevertResultKind.NotNeeded, null, null, notNeeded.Reason),
        RevertDecision.Refused refused => new(GitRevertResultKind.Refused, null, null, refused.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "not a terminal decision"),
    };
}
