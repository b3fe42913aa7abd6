using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;

namespace CanaryFlow.Controller.Git;

/// <summary>Runs one piece of Git work for <see cref="RolloutGitWorker"/>, which owns the deduplication and back-off.</summary>
internal interface IGitWorkRunner
{
    Task<GitWorkOutcome> RunAsync(Rollout rollout, RolloutAction work, CancellationToken cancellationToken);
}

/// <summary>Sends each kind of Git work to the component that does it.</summary>
internal sealed class GitWorkDispatcher(GitRevisionResolver resolver, GitRevertRunner reverts) : IGitWorkRunner
{
    public async Task<GitWorkOutcome> RunAsync(Rollout rollout, RolloutAction work, CancellationToken cancellationToken) => work switch
    {
        ResolveGitRevision resolve => await resolver.ResolveAsync(rollout, resolve, cancellationToken).ConfigureAwait(false),
        RevertInGit revert => await reverts.RevertAsync(rollout, revert, cancellationToken).ConfigureAwait(false),
        _ => GitWorkOutcome.Done,
    };
}
