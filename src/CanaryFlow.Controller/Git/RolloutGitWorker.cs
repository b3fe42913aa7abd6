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
    private static readonly TimeSpan _firstBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan _maxBackoff = TimeSpan.FromMinutes(5);
    private readonly Channel<GitWorkItem> _items = Channel.CreateUnbounded<GitWorkItem>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<GitWorkKey, byte> _active = new();
    private readonly ConcurrentDictionary<GitWorkKey, Backoff> _backoff = new();
    private readonly GitRevisionResolver _resolver;
    private readonly GitRevertRunner _reverts;
    private readonly Action<RolloutKey, TimeSpan> _requeueAfter;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly int _workers;

    public RolloutGitWorker(GitRevisionResolver resolver, GitRevertRunner reverts, Action<RolloutKey, TimeSpan> requeueAfter, TimeProvider clock, ILogger logger, int workers = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _resolver = resolver;
        _reverts = reverts;
        _requeueAfter = requeueAfter;
        _clock = clock;
        _logger = logger;
        _workers = workers;
    }

    /// <summary>Pieces of work queued or running now.</summary>
    public int Active => _active.Count;

    /// <summary>Called after each piece of work with its operation and outcome (done, retry), for the metrics.</summary>
    public Action<string, string>? Completed { get; init; }

    public void Submit(Rollout rollout, RolloutAction work)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var key = GitWorkKey.Of(rollout, work);
        if (_backoff.TryGetValue(key, out var backoff) && backoff.NotBefore > _clock.GetUtcNow())
        {
            return;
        }

        if (_active.TryAdd(key, 0) && !_items.Writer.TryWrite(new GitWorkItem(key, rollout, work)))
        {
            _active.TryRemove(key, out _);
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var workers = Enumerable.Range(0, _workers).Select(_ => WorkAsync(cancellationToken));
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in _items.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await RunOneAsync(item, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunOneAsync(GitWorkItem item, CancellationToken cancellationToken)
    {
        GitWorkOutcome outcome;
        try
        {
            outcome = item.Work switch
            {
                ResolveGitRevision resolve => await _resolver.ResolveAsync(item.Rollout, resolve, cancellationToken).ConfigureAwait(false),
                RevertInGit revert => await _reverts.RevertAsync(item.Rollout, revert, cancellationToken).ConfigureAwait(false),
                _ => GitWorkOutcome.Done,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _active.TryRemove(item.Key, out _);
            return;
        }
#pragma warning disable CA1031 // One Rollout's Git trouble (any of it) must never stop the Git work of the others.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogUnexpected(_logger, e, item.Key.Operation, item.Key.Namespace, item.Key.Name);
            outcome = GitWorkOutcome.RetryLater;
        }

        Completed?.Invoke(item.Key.Operation, outcome == GitWorkOutcome.Done ? "done" : "retry");
        if (outcome == GitWorkOutcome.Done)
        {
            _backoff.TryRemove(item.Key, out _);
        }
        else
        {
            var failures = _backoff.TryGetValue(item.Key, out var previous) ? previous.Failures + 1 : 1;
            var delay = TimeSpan.FromTicks(Math.Min(_firstBackoff.Ticks << Math.Min(failures - 1, 16), _maxBackoff.Ticks));
            _backoff[item.Key] = new Backoff(failures, _clock.GetUtcNow() + delay);
            // After the back-off the Rollout is decided again, which asks for the work again if it is still wanted.
            _requeueAfter(new RolloutKey(item.Key.Namespace, item.Key.Name), delay);
        }

        _active.TryRemove(item.Key, out _);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Git work {Operation} for {Namespace}/{Name} failed unexpectedly; retrying after a back-off")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string operation, string @namespace, string name);

    private sealed record GitWorkItem(GitWorkKey Key, Rollout Rollout, RolloutAction Work);

    private readonly record struct Backoff(int Failures, DateTimeOffset NotBefore);

    private readonly record struct GitWorkKey(string Namespace, string Name, string Operation, string Hash)
    {
        public static GitWorkKey Of(Rollout rollout, RolloutAction work)
        {
            var (operation, hash) = work switch
            {
                ResolveGitRevision resolve => ("resolve-" + resolve.Role.ToString().ToLowerInvariant(), resolve.Hash),
                RevertInGit revert => ("revert", revert.AbortedHash),
                _ => throw new ArgumentException($"not Git work: {work.GetType().Name}", nameof(work)),
            };
            return new GitWorkKey(rollout.Metadata.Namespace ?? "", rollout.Metadata.Name ?? "", operation, hash);
        }
    }
}

/// <summary>How one piece of Git work ended: done (recorded, or no longer wanted) or to be tried again after a back-off.</summary>
internal enum GitWorkOutcome
{
    Done,
    RetryLater,
}
