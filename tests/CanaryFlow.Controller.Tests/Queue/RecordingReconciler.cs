using System.Collections.Concurrent;
using System.Threading.Channels;
using CanaryFlow.Controller.Queue;
using CanaryFlow.Controller.Tests.Infrastructure;

namespace CanaryFlow.Controller.Tests.Queue;

/// <summary>
/// A reconcile that counts runs per key, notices two runs of one key at once, and reports each start; what a run
/// does is given by the test as a function of the key and the run's number (1 for the first run of that key).
/// </summary>
public sealed class RecordingReconciler(Func<string, int, CancellationToken, Task<ReconcileResult>> behaviour)
{
    private readonly ConcurrentDictionary<string, int> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _running = new(StringComparer.Ordinal);
    private readonly Channel<(string Key, int Run)> _started = Channel.CreateUnbounded<(string Key, int Run)>();
    private int _overlaps;
    private int _total;

    public RecordingReconciler()
        : this((_, _, _) => Task.FromResult(ReconcileResult.Done))
    {
    }

    /// <summary>Times a run started while another run of the same key was still going.</summary>
    public int Overlaps => Volatile.Read(ref _overlaps);

    public int TotalRuns => Volatile.Read(ref _total);

    public int Runs(string key) => _runs.GetValueOrDefault(key);

    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        if (_running.AddOrUpdate(key, 1, (_, running) => running + 1) > 1)
        {
            Interlocked.Increment(ref _overlaps);
        }

        var run = _runs.AddOrUpdate(key, 1, (_, runs) => runs + 1);
        Interlocked.Increment(ref _total);
        _started.Writer.TryWrite((key, run));
        try
        {
            return await behaviour(key, run, cancellationToken);
        }
        finally
        {
            _running.AddOrUpdate(key, 0, (_, running) => running - 1);
        }
    }

    /// <summary>Waits for the next run to start.</summary>
    public async Task<(string Key, int Run)> NextStartAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Hang);
        return await _started.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Whether a run started that no <see cref="NextStartAsync"/> has returned yet.</summary>
    public bool HasUnobservedStart => _started.Reader.TryPeek(out _);
}
