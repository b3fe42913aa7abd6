using CanaryFlow.Controller.Queue;
using CanaryFlow.Controller.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Tests.Queue;

/// <summary>RunWorkersAsync: exclusivity per key, results, failures and shutdown, on a fake clock.</summary>
public sealed class WorkQueueWorkerTests : IDisposable
{
    private static readonly TimeSpan _tick = TimeSpan.FromTicks(1);

    private readonly TimerAwareClock _clock = new();
    private readonly RecordingLogger _logger = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly WorkQueue<string> _queue;

    public WorkQueueWorkerTests() =>
        _queue = new WorkQueue<string>(new WorkQueueOptions { Clock = _clock }, _logger, StringComparer.Ordinal);

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _queue.Dispose();
    }

    [Fact]
    public async Task A_key_added_while_it_runs_runs_again_exactly_once_afterwards_never_concurrently()
    {
        var firstRunMayEnd = new TaskCompletionSource<ReconcileResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconciler = new RecordingReconciler((key, run, _) =>
            key == "prod/api" && run == 1 ? firstRunMayEnd.Task : Task.FromResult(ReconcileResult.Done));
        _queue.Add("prod/api");
        var workers = _queue.RunWorkersAsync(4, reconciler.ReconcileAsync, _stop.Token);
        Assert.Equal(("prod/api", 1), await reconciler.NextStartAsync());

        _queue.Add("prod/api");
        _queue.Add("prod/api");
        _queue.Add("prod/web");
        _queue.Add("prod/api");

        // The other workers are free and take other keys, but not the one in flight.
        Assert.Equal(("prod/web", 1), await reconciler.NextStartAsync());
        Assert.Equal(0, _queue.Depth);
        Assert.Equal(1, reconciler.Runs("prod/api"));

        firstRunMayEnd.SetResult(ReconcileResult.Done);
        Assert.Equal(("prod/api", 2), await reconciler.NextStartAsync());

        await StopAsync(workers);
        Assert.Equal(2, reconciler.Runs("prod/api"));
        Assert.Equal(1, reconciler.Runs("prod/web"));
        Assert.Equal(0, reconciler.Overlaps);
        Assert.Equal((0, 0, 0), (_queue.Depth, _queue.Delayed, _queue.InFlight));
    }

    [Fact]
    public async Task Many_keys_on_several_workers_are_each_processed_once()
    {
        const int keys = 500;
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = 0;
        var reconciler = new RecordingReconciler(async (_, _, _) =>
        {
            await Task.Yield();
            if (Interlocked.Increment(ref finished) == keys)
            {
                allDone.SetResult();
            }

            return ReconcileResult.Done;
        });
        var workers = _queue.RunWorkersAsync(4, reconciler.ReconcileAsync, _stop.Token);

        for (var i = 0; i < keys; i++)
        {
            _queue.Add($"ns/rollout-{i}");
        }

        await allDone.Task.OrHang();
        await StopAsync(workers);
        Assert.Equal(keys, reconciler.TotalRuns);
        Assert.All(Enumerable.Range(0, keys), i => Assert.Equal(1, reconciler.Runs($"ns/rollout-{i}")));
        Assert.Equal(0, reconciler.Overlaps);
    }

    [Fact]
    public async Task Keys_added_repeatedly_from_many_threads_never_run_concurrently()
    {
        const int keys = 20;
        const int addsPerKey = 50;
        var reconciler = new RecordingReconciler(async (_, _, _) =>
        {
            await Task.Yield();
            return ReconcileResult.Done;
        });
        var workers = _queue.RunWorkersAsync(4, reconciler.ReconcileAsync, _stop.Token);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < keys * addsPerKey; i++)
            {
                _queue.Add($"ns/rollout-{i % keys}");
                if (i % 7 == 0)
                {
                    await Task.Yield();
                }
            }
        })));

        // A final add after the storm must still lead to a run: wait until every key has run since it.
        var marks = Enumerable.Range(0, keys).ToDictionary(i => $"ns/rollout-{i}", i => reconciler.Runs($"ns/rollout-{i}"));
        foreach (var key in marks.Keys)
        {
            _queue.Add(key);
        }

        while (marks.Any(mark => reconciler.Runs(mark.Key) <= mark.Value))
        {
            await reconciler.NextStartAsync();
        }

        await StopAsync(workers);
        Assert.Equal(0, reconciler.Overlaps);
        Assert.InRange(reconciler.TotalRuns, keys, 4 * keys * addsPerKey + keys);
    }

    [Fact]
    public async Task A_requeue_at_a_time_runs_the_key_again_exactly_then()
    {
        var pauseEnds = _clock.GetUtcNow() + TimeSpan.FromMinutes(5);
        var reconciler = new RecordingReconciler((_, run, _) =>
            Task.FromResult(run == 1 ? ReconcileResult.RequeueAt(pauseEnds) : ReconcileResult.Done));
        _queue.Add("prod/api");
        var workers = _queue.RunWorkersAsync(2, reconciler.ReconcileAsync, _stop.Token);
        await reconciler.NextStartAsync();

        Assert.Equal(TimeSpan.FromMinutes(5), await _clock.WaitForTimerAsync());
        _clock.SetUtcNow(pauseEnds - _tick);
        Assert.Equal((0, 1), (_queue.Depth, _queue.Delayed));
        Assert.False(reconciler.HasUnobservedStart);

        _clock.SetUtcNow(pauseEnds);
        Assert.Equal(("prod/api", 2), await reconciler.NextStartAsync());

        await StopAsync(workers);
        Assert.Equal(2, reconciler.Runs("prod/api"));
    }

    [Fact]
    public async Task A_requeue_after_a_delay_counts_from_when_the_reconcile_returns()
    {
        var reconciler = new RecordingReconciler((_, run, _) =>
            Task.FromResult(run == 1 ? ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(30)) : ReconcileResult.Done));
        _queue.Add("prod/api");
        var workers = _queue.RunWorkersAsync(1, reconciler.ReconcileAsync, _stop.Token);
        await reconciler.NextStartAsync();

        Assert.Equal(TimeSpan.FromSeconds(30), await _clock.WaitForTimerAsync());
        _clock.Advance(TimeSpan.FromSeconds(30) - _tick);
        Assert.Equal(0, _queue.Depth);
        _clock.Advance(_tick);
        Assert.Equal(("prod/api", 2), await reconciler.NextStartAsync());

        await StopAsync(workers);
    }

    [Fact]
    public async Task An_add_during_a_run_beats_the_requeue_time_the_run_returns()
    {
        var firstRunMayEnd = new TaskCompletionSource<ReconcileResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconciler = new RecordingReconciler((_, run, _) => run == 1 ? firstRunMayEnd.Task : Task.FromResult(ReconcileResult.Done));
        _queue.Add("prod/api");
        var workers = _queue.RunWorkersAsync(1, reconciler.ReconcileAsync, _stop.Token);
        await reconciler.NextStartAsync();

        _queue.Add("prod/api");
        firstRunMayEnd.SetResult(ReconcileResult.RequeueAfter(TimeSpan.FromHours(1)));

        Assert.Equal(("prod/api", 2), await reconciler.NextStartAsync());
        await StopAsync(workers);
        Assert.Equal(0, _queue.Delayed);
    }

    [Fact]
    public async Task Failures_are_retried_with_growing_back_off_and_success_forgets_it()
    {
        var requeuesSeen = new List<int>();
        var reconciler = new RecordingReconciler((key, run, _) =>
        {
            requeuesSeen.Add(_queue.Requeues(key));
            return Task.FromResult(run <= 3 ? ReconcileResult.Failed("API server unavailable") : ReconcileResult.Done);
        });
        _queue.Add("prod/api");
        var workers = _queue.RunWorkersAsync(1, reconciler.ReconcileAsync, _stop.Token);
        await reconciler.NextStartAsync();

        foreach (var expected in new[] { 5, 10, 20 })
        {
            var backoff = await _clock.WaitForTimerAsync();
            Assert.Equal(TimeSpan.FromMilliseconds(expected), backoff);
            _clock.Advance(backoff - _tick);
            Assert.Equal(0, _queue.Depth);
            _clock.Advance(_tick);
            await reconciler.NextStartAsync();
        }

        await StopAsync(workers);
        Assert.Equal([0, 1, 2, 3], requeuesSeen);
        Assert.Equal(0, _queue.Requeues("prod/api"));
        Assert.Contains(_logger.Entries, entry =>
            entry.Level == LogLevel.Warning && entry.Message.Contains("API server unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_exception_counts_as_a_failure_is_logged_and_does_not_stop_the_worker()
    {
        var reconciler = new RecordingReconciler((key, run, _) => key == "prod/api" && run == 1
            ? throw new InvalidOperationException("bug in reconcile")
            : Task.FromResult(ReconcileResult.Done));
        _queue.Add("prod/api");
        var workers = _queue.RunWorkersAsync(1, reconciler.ReconcileAsync, _stop.Token);
        await reconciler.NextStartAsync();

        Assert.Equal(TimeSpan.FromMilliseconds(5), await _clock.WaitForTimerAsync());
        _queue.Add("prod/web");
        Assert.Equal(("prod/web", 1), await reconciler.NextStartAsync());
        _clock.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(("prod/api", 2), await reconciler.NextStartAsync());

        await StopAsync(workers);
        var error = Assert.Single(_logger.Entries, entry => entry.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(error.Exception);
        Assert.Contains("prod/api", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_takes_no_new_keys_and_lets_running_reconciles_finish()
    {
        var runMayEnd = new TaskCompletionSource<ReconcileResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationToken reconcileToken = default;
        var reconciler = new RecordingReconciler((_, _, cancellationToken) =>
        {
            reconcileToken = cancellationToken;
            return runMayEnd.Task;
        });
        _queue.Add("prod/api");
        var workers = _queue.RunWorkersAsync(1, reconciler.ReconcileAsync, _stop.Token);
        await reconciler.NextStartAsync();
        _queue.Add("prod/web");

        await _stop.CancelAsync();
        Assert.Equal(new WorkQueueOptions().ShutdownTimeout, await _clock.WaitForTimerAsync());
        Assert.False(workers.IsCompleted);
        Assert.False(reconcileToken.IsCancellationRequested);

        runMayEnd.SetResult(ReconcileResult.Done);
        await workers.OrHang();

        Assert.Equal(1, reconciler.TotalRuns);
        Assert.Equal((1, 0), (_queue.Depth, _queue.InFlight));
    }

    [Fact]
    public async Task Past_the_shutdown_deadline_running_reconciles_are_cancelled_and_their_keys_kept_for_the_next_run()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconciler = new RecordingReconciler(async (_, run, cancellationToken) =>
        {
            if (run == 1)
            {
                using var registration = cancellationToken.Register(cancelled.SetResult);
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            return ReconcileResult.Done;
        });
        _queue.Add("prod/api");
        var workers = _queue.RunWorkersAsync(1, reconciler.ReconcileAsync, _stop.Token);
        await reconciler.NextStartAsync();

        await _stop.CancelAsync();
        var deadline = await _clock.WaitForTimerAsync();
        Assert.Equal(TimeSpan.FromSeconds(20), deadline);
        _clock.Advance(deadline - _tick);
        Assert.False(workers.IsCompleted);
        Assert.False(cancelled.Task.IsCompleted);

        _clock.Advance(_tick);
        await workers.OrHang();
        await cancelled.Task.OrHang();
        Assert.Contains(_logger.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("deadline", StringComparison.Ordinal));

        // The interrupted key is queued again, so the next term (a new RunWorkersAsync) reconciles it.
        using var nextTerm = new CancellationTokenSource();
        var nextWorkers = _queue.RunWorkersAsync(1, reconciler.ReconcileAsync, nextTerm.Token);
        Assert.Equal(("prod/api", 2), await reconciler.NextStartAsync());
        await nextTerm.CancelAsync();
        await nextWorkers.OrHang();
        Assert.Equal(0, _queue.Requeues("prod/api"));
    }

    [Fact]
    public async Task Workers_started_with_a_cancelled_token_return_without_taking_keys()
    {
        var reconciler = new RecordingReconciler();
        _queue.Add("prod/api");
        await _stop.CancelAsync();

        await _queue.RunWorkersAsync(2, reconciler.ReconcileAsync, _stop.Token).OrHang();

        Assert.Equal(0, reconciler.TotalRuns);
        Assert.Equal(1, _queue.Depth);
    }

    [Fact]
    public async Task Invalid_arguments_are_rejected()
    {
        var reconciler = new RecordingReconciler();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _queue.RunWorkersAsync(0, reconciler.ReconcileAsync, _stop.Token));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _queue.RunWorkersAsync(1, null!, _stop.Token));
    }

    private async Task StopAsync(Task workers)
    {
        await _stop.CancelAsync();
        await workers.OrHang();
    }
}
