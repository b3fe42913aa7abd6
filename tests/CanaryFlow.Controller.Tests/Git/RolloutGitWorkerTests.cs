using System.Threading.Channels;
using CanaryFlow.Controller.Git;
using CanaryFlow.Controller.Queue;
using CanaryFlow.Controller.Rollouts;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>
/// The Git worker's bookkeeping on a fake clock: deduplication, the back-off (5 s doubling to 5 min) that requeues the
/// Rollout through a real work queue, its reset on success, its pruning, and a clean stop.
/// </summary>
public sealed class RolloutGitWorkerTests : IAsyncLifetime
{
    private static readonly TimeSpan _tick = TimeSpan.FromTicks(1);
    private readonly FakeTimeProvider _clock = new();
    private readonly ScriptedGitWorkRunner _runner = new();
    private readonly Channel<string> _completed = Channel.CreateUnbounded<string>();
    private readonly List<TimeSpan> _requeueDelays = [];
    private readonly CancellationTokenSource _stop = new();
    private WorkQueue<RolloutKey> _queue;
    private readonly RolloutGitWorker _worker;
    private Task _running = Task.CompletedTask;

    public RolloutGitWorkerTests()
    {
        _queue = new WorkQueue<RolloutKey>(new WorkQueueOptions { Clock = _clock });
        _worker = new RolloutGitWorker(_runner, Requeue, _clock, NullLogger.Instance)
        {
            Completed = (operation, outcome) => _completed.Writer.TryWrite($"{operation}:{outcome}"),
        };
    }

    public Task InitializeAsync()
    {
        _running = _worker.RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(TestTimeouts.Hang);
        _queue.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task The_same_work_submitted_many_times_runs_once()
    {
        _runner.Hold();
        var resolve = new ResolveGitRevision(GitRevisionRole.Stable, "7f9c6d", null);
        _worker.Submit(Rollout("api"), resolve);
        await _runner.Started.Task.WaitAsync(TestTimeouts.Hang);

        // Every reconcile asks again while the first run is in flight (and while a copy is still queued).
        for (var i = 0; i < 20; i++)
        {
            _worker.Submit(Rollout("api"), resolve with { Hint = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        Assert.Equal(1, _worker.Active);
        _runner.Release();
        Assert.Equal("resolve-stable:done", await NextCompletionAsync());

        Assert.Single(_runner.Runs);
        Assert.Equal(0, _worker.Active);
        Assert.Equal(0, _queue.Delayed);
    }

    [Fact]
    public async Task Different_rollouts_operations_and_templates_are_different_work()
    {
        _runner.Hold();
        _worker.Submit(Rollout("api"), new ResolveGitRevision(GitRevisionRole.Stable, "aaa", null));
        await _runner.Started.Task.WaitAsync(TestTimeouts.Hang);
        _worker.Submit(Rollout("api"), new ResolveGitRevision(GitRevisionRole.Canary, "bbb", null));
        _worker.Submit(Rollout("api"), new RevertInGit("bbb", "aaa", null, "aborted"));
        _worker.Submit(Rollout("web"), new ResolveGitRevision(GitRevisionRole.Stable, "aaa", null));
        _worker.Submit(Rollout("api"), new ResolveGitRevision(GitRevisionRole.Stable, "ccc", null));

        Assert.Equal(5, _worker.Active);
        _runner.Release();
        for (var i = 0; i < 5; i++)
        {
            await NextCompletionAsync();
        }

        Assert.Equal(5, _runner.Runs.Count);
    }

    [Fact]
    public async Task A_failure_backs_off_from_5_seconds_doubling_to_5_minutes_and_requeues_the_rollout_after_it()
    {
        _runner.Outcome = GitWorkOutcome.RetryLater;
        var revert = new RevertInGit("bbb", "aaa", "1a2b3c", "aborted");
        var expected = new[] { 5, 10, 20, 40, 80, 160, 300, 300 }.Select(s => TimeSpan.FromSeconds(s)).ToList();
        foreach (var delay in expected)
        {
            var runs = _runner.Runs.Count;
            _worker.Submit(Rollout("api"), revert);
            Assert.Equal("revert:retry", await NextCompletionAsync());
            Assert.Equal(runs + 1, _runner.Runs.Count);
            Assert.Equal(delay, _requeueDelays[^1]);

            // The Rollout comes back through the work queue exactly when the back-off ends; until then, asking again
            // (a reconcile, a resync) does nothing.
            Assert.Equal(1, _queue.Delayed);
            _clock.Advance(delay - _tick);
            _worker.Submit(Rollout("api"), revert);
            Assert.Equal(runs + 1, _runner.Runs.Count);
            Assert.Equal(0, _worker.Active);
            Assert.Equal(0, _queue.Depth);
            _clock.Advance(_tick);
            Assert.Equal(1, _queue.Depth);

            // The requeued reconcile asks for the work again: next round, with an empty queue.
            _queue.Dispose();
            _queue = new WorkQueue<RolloutKey>(new WorkQueueOptions { Clock = _clock });
        }

        Assert.Equal(expected, _requeueDelays);
    }

    [Fact]
    public async Task Success_clears_the_backoff()
    {
        var resolve = new ResolveGitRevision(GitRevisionRole.Canary, "bbb", null);
        _runner.Outcome = GitWorkOutcome.RetryLater;
        _worker.Submit(Rollout("api"), resolve);
        await NextCompletionAsync();
        _clock.Advance(TimeSpan.FromSeconds(5));
        _worker.Submit(Rollout("api"), resolve);
        await NextCompletionAsync();
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)], _requeueDelays);

        _clock.Advance(TimeSpan.FromSeconds(10));
        _runner.Outcome = GitWorkOutcome.Done;
        _worker.Submit(Rollout("api"), resolve);
        Assert.Equal("resolve-canary:done", await NextCompletionAsync());
        Assert.Equal(0, _worker.BackingOff);

        // The next failure starts from the first back-off again, and a success needs no back-off to run again.
        _worker.Submit(Rollout("api"), resolve);
        await NextCompletionAsync();
        _runner.Outcome = GitWorkOutcome.RetryLater;
        _worker.Submit(Rollout("api"), resolve);
        await NextCompletionAsync();
        Assert.Equal(TimeSpan.FromSeconds(5), _requeueDelays[^1]);
        Assert.Equal(5, _runner.Runs.Count);
    }

    [Fact]
    public async Task An_unexpected_exception_backs_off_like_a_failure_and_the_work_runs_again_later()
    {
        _runner.Failure = new InvalidOperationException("boom at https://user:s3cret@git.example/config.git");
        var resolve = new ResolveGitRevision(GitRevisionRole.Stable, "aaa", null);
        _worker.Submit(Rollout("api"), resolve);
        Assert.Equal("resolve-stable:retry", await NextCompletionAsync());
        Assert.Equal(0, _worker.Active);

        _runner.Failure = null;
        _clock.Advance(TimeSpan.FromSeconds(5));
        _worker.Submit(Rollout("api"), resolve);
        Assert.Equal("resolve-stable:done", await NextCompletionAsync());
    }

    [Fact]
    public async Task Backoffs_nobody_asks_for_any_more_are_forgotten()
    {
        _runner.Outcome = GitWorkOutcome.RetryLater;
        for (var i = 0; i < 50; i++)
        {
            _worker.Submit(Rollout("deleted-" + i), new ResolveGitRevision(GitRevisionRole.Stable, "aaa", null));
            await NextCompletionAsync();
        }

        _worker.Submit(Rollout("api"), new ResolveGitRevision(GitRevisionRole.Stable, "old", null));
        await NextCompletionAsync();
        Assert.Equal(51, _worker.BackingOff);

        // A newer template of the same Rollout supersedes the old one's back-off at once.
        _clock.Advance(TimeSpan.FromSeconds(5));
        _worker.Submit(Rollout("api"), new ResolveGitRevision(GitRevisionRole.Stable, "new", null));
        await NextCompletionAsync();
        Assert.Equal(51, _worker.BackingOff);

        // The deleted Rollouts were not asked for again within the longest back-off after theirs ended.
        _clock.Advance(GitWorkBackoffs.Max + TimeSpan.FromSeconds(1));
        _worker.Submit(Rollout("api"), new ResolveGitRevision(GitRevisionRole.Stable, "new", null));
        await NextCompletionAsync();
        Assert.Equal(1, _worker.BackingOff);
    }

    [Fact]
    public async Task Cancellation_stops_the_workers_cleanly_and_drops_queued_work()
    {
        _runner.Hold();
        _worker.Submit(Rollout("api"), new RevertInGit("bbb", "aaa", null, "aborted"));
        await _runner.Started.Task.WaitAsync(TestTimeouts.Hang);
        _worker.Submit(Rollout("web"), new ResolveGitRevision(GitRevisionRole.Stable, "aaa", null));
        _worker.Submit(Rollout("db"), new ResolveGitRevision(GitRevisionRole.Stable, "aaa", null));

        await _stop.CancelAsync();
        await _running.WaitAsync(TestTimeouts.Hang);

        // Nothing booked for the cancelled run (no back-off, no requeue), nothing left taken for a later leader term.
        Assert.True(_running.IsCompletedSuccessfully);
        Assert.Equal(0, _worker.Active);
        Assert.Equal(0, _worker.BackingOff);
        Assert.Empty(_requeueDelays);
        Assert.False(_completed.Reader.TryRead(out _));
        // Two workers: the held revert, perhaps web's lookup; never a third piece after the stop.
        Assert.InRange(_runner.Runs.Count, 1, 2);

        // Leading again: the same work, asked for anew, runs.
        using var again = new CancellationTokenSource();
        var running = _worker.RunAsync(again.Token);
        _runner.Release();
        _worker.Submit(Rollout("api"), new RevertInGit("bbb", "aaa", null, "aborted"));
        Assert.Equal("revert:done", await NextCompletionAsync());
        await again.CancelAsync();
        await running.WaitAsync(TestTimeouts.Hang);
    }

    private static Rollout Rollout(string name) => new()
    {
        Metadata = new ObjectMeta { Namespace = "prod", Name = name },
    };

    private void Requeue(RolloutKey key, TimeSpan delay)
    {
        lock (_requeueDelays)
        {
            _requeueDelays.Add(delay);
        }

        _queue.AddAfter(key, delay);
    }

    private async Task<string> NextCompletionAsync() => await _completed.Reader.ReadAsync().AsTask().WaitAsync(TestTimeouts.Hang);
}
