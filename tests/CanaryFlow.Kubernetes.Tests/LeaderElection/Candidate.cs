using System.Collections.Concurrent;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.Kubernetes.LeaderElection;

namespace CanaryFlow.Kubernetes.Tests.LeaderElection;

/// <summary>
/// One process competing for the Lease, with its own client: its leader work waits for the leadership token, and
/// every callback is recorded for the test.
/// </summary>
internal sealed class Candidate : IAsyncDisposable
{
    private readonly KubernetesClient _client;
    private CancellationTokenSource _run = new();
    private Task _running = Task.CompletedTask;
    private TaskCompletionSource _started = NewSignal();
    private TaskCompletionSource _stopped = NewSignal();
    private CancellationToken _leadershipToken;
    private int _stoppedCount;

    public Candidate(KubernetesConnection connection, LeaderElectionOptions options)
    {
        _client = new KubernetesClient(connection);
        Elector = new LeaderElector(_client, options, new LeaderCallbacks
        {
            OnStartedLeading = LeadAsync,
            OnStoppedLeading = () =>
            {
                Interlocked.Increment(ref _stoppedCount);
                _stopped.TrySetResult();
            },
            OnNewLeader = NewLeaders.Enqueue,
        });
    }

    public LeaderElector Elector { get; }

    public string Identity => Elector.Identity;

    public bool IsLeader => Elector.IsLeader;

    public ConcurrentQueue<string> NewLeaders { get; } = new();

    public CancellationToken LeadershipToken => _leadershipToken;

    public int StoppedCount => Volatile.Read(ref _stoppedCount);

    public Task Started => _started.Task;

    public Task Stopped => _stopped.Task;

    public Task Running => _running;

    public void Start()
    {
        _run.Dispose();
        _run = new CancellationTokenSource();
        _started = NewSignal();
        _stopped = NewSignal();
        _running = Elector.RunAsync(_run.Token);
    }

    /// <summary>Cancels the run (a graceful shutdown, or a crash when the options do not release) and waits for it to return.</summary>
    public async Task StopAsync()
    {
        await _run.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _run.Dispose();
        _client.Dispose();
    }

    private async Task LeadAsync(CancellationToken leadershipToken)
    {
        _leadershipToken = leadershipToken;
        _started.TrySetResult();
        await Task.Delay(Timeout.Infinite, leadershipToken);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
