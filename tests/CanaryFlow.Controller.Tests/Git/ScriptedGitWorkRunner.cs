using System.Collections.Concurrent;
using CanaryFlow.Controller.Git;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>
/// Stands in for the Git side in the worker's own tests: counts the runs, answers with the outcome the test sets and,
/// when told to, holds a run until the test releases it (or the worker cancels it).
/// </summary>
internal sealed class ScriptedGitWorkRunner : IGitWorkRunner
{
    private readonly ConcurrentQueue<RolloutAction> _runs = new();
    private TaskCompletionSource? _gate;

    public GitWorkOutcome Outcome { get; set; } = GitWorkOutcome.Done;

    /// <summary>Thrown instead of answering, when set.</summary>
    public Exception? Failure { get; set; }

    public IReadOnlyCollection<RolloutAction> Runs => _runs;

    public TaskCompletionSource Started { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Runs from now on wait for <see cref="Release"/> (or for cancellation).</summary>
    public void Hold()
    {
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Release() => Interlocked.Exchange(ref _gate, null)?.TrySetResult();

    public async Task<GitWorkOutcome> RunAsync(Rollout rollout, RolloutAction work, CancellationToken cancellationToken)
    {
        _runs.Enqueue(work);
        Started.TrySetResult();
        if (_gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return Failure is { } failure ? throw failure : Outcome;
    }
}
