namespace CanaryFlow.Kubernetes.Tests.LeaderElection;

/// <summary>Samples who believes it leads every 50 ms, in the background, and remembers every moment two did at once.</summary>
internal sealed class LeadershipSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _overlaps = [];
    private readonly Task _sampling;
    private int _samples;

    public LeadershipSampler(params Candidate[] candidates) => _sampling = SampleAsync(candidates);

    /// <summary>Stops sampling and returns how many samples were taken and the ones where several candidates led.</summary>
    public async Task<(int Samples, IReadOnlyList<string> Overlaps)> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        return (_samples, _overlaps);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task SampleAsync(Candidate[] candidates)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            do
            {
                var leaders = candidates.Where(c => c.IsLeader).Select(c => c.Identity).ToList();
                _samples++;
                if (leaders.Count > 1)
                {
                    _overlaps.Add($"{DateTime.UtcNow:HH:mm:ss.fff}: {string.Join(", ", leaders)}");
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
