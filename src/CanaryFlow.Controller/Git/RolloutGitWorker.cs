using System.Collections.Concurrent;
using System.Threading.Channels;
using CanaryFlow.Controller.Rollouts;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// Runs the config-repo work the decisions ask for (revision lookups, reverts) beside the reconciles, so that a slow or
/// unreachable Git server never holds up traffic decisions. The decision asks again on every reconcile until status.git
/// shows the work done; this worker runs each piece once at a time, backs off after a failure and then queues the
/// Rollout again so that it is asked for anew. Nothing is kept that a restart would need.
/// </summary>
internal sealed partial class RolloutGitWorker : IGitWork
{
    private readonly Channel<GitWorkItem> _items = Channel.CreateUnbounded<GitWorkItem>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<GitWorkKey, byte> _active = new();
    private readonly GitWorkBackoffs _backoffs;
    private readonly IGitWorkRunner _runner;
    private readonly Action<RolloutKey, TimeSpan> _requeueAfter;
    private readonly ILogger _logger;
    private readonly int _workers;

    public RolloutGitWorker(IGitWorkRunner runner, Action<RolloutKey, TimeSpan> requeueAfter, TimeProvider clock, ILogger logger, int workers = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _runner = runner;
        _requeueAfter = requeueAfter;
        _backoffs = new GitWorkBackoffs(clock);
        _logger = logger;
        _workers = workers;
    }

    /// <summary>Pieces of work queued or running now.</summary>
    public int Active => _active.Count;

    /// <summary>Pieces of work remembered as backing off after a failure.</summary>
    public int BackingOff => _backoffs.Count;

    /// <summary>Called after each piece of work (once it may be submitted again) with its operation and outcome (done, retry), for the metrics.</summary>
    public Action<string, string>? Completed { get; init; }

    public void Submit(Rollout rollout, RolloutAction work)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var key = GitWorkKey.Of(rollout, work);
        _backoffs.Prune(key, _active.ContainsKey);
        if (_backoffs.IsBackingOff(key))
        {
            return;
        }

        if (_active.TryAdd(key, 0) && !_items.Writer.TryWrite(new GitWorkItem(key, rollout, work)))
        {
            _active.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// Runs the workers until cancelled (leadership ends). Work still queued then is dropped, not kept for a later run:
    /// whoever leads next asks for it again from the status, with a fresh copy of the Rollout.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var workers = Enumerable.Range(0, _workers).Select(_ => WorkAsync(cancellationToken));
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            while (_items.Reader.TryRead(out var dropped))
            {
                _active.TryRemove(dropped.Key, out _);
            }
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in _items.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                GitWorkOutcome? outcome;
                try
                {
                    // ReadAllAsync hands out an item already queued even after cancellation: never start Git work then.
                    cancellationToken.ThrowIfCancellationRequested();
                    outcome = await RunOneAsync(item, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    // Whatever happened (even a failing requeue), the key must not stay taken: that would drop the work
                    // for good.
                    _active.TryRemove(item.Key, out _);
                }

                if (outcome is { } done)
                {
                    Completed?.Invoke(item.Key.Operation, done == GitWorkOutcome.Done ? "done" : "retry");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Runs one piece and books its outcome; null when cancelled (nothing booked).</summary>
    private async Task<GitWorkOutcome?> RunOneAsync(GitWorkItem item, CancellationToken cancellationToken)
    {
        GitWorkOutcome outcome;
        try
        {
            outcome = await _runner.RunAsync(item.Rollout, item.Work, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
#pragma warning disable CA1031 // One Rollout's Git trouble (any of it) must never stop the Git work of the others.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogUnexpected(_logger, e.GetType().Name, GitFailure.Describe(e), item.Key.Operation, item.Key.Namespace, item.Key.Name);
            outcome = GitWorkOutcome.RetryLater;
        }

        if (outcome == GitWorkOutcome.Done)
        {
            _backoffs.Succeeded(item.Key);
        }
        else
        {
            // After the back-off the Rollout is decided again, which asks for the work again if it is still wanted.
            _requeueAfter(new RolloutKey(item.Key.Namespace, item.Key.Name), _backoffs.Failed(item.Key));
        }

        return outcome;
    }

    // Not the exception object: its message (and inner ones) may quote a URL with user-info; the redacted message is enough.
    [LoggerMessage(Level = LogLevel.Error, Message = "Git work {Operation} for {Namespace}/{Name} failed unexpectedly ({ExceptionType}: {Problem}); retrying after a back-off")]
    private static partial void LogUnexpected(ILogger logger, string exceptionType, string problem, string operation, string @namespace, string name);

    private sealed record GitWorkItem(GitWorkKey Key, Rollout Rollout, RolloutAction Work);
}

/// <summary>How one piece of Git work ended: done (recorded, or no longer wanted) or to be tried again after a back-off.</summary>
internal enum GitWorkOutcome
{
    Done,
    RetryLater,
}
