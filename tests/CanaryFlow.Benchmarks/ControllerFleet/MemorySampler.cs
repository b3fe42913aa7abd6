namespace CanaryFlow.Benchmarks.ControllerFleet;

/// <summary>Samples a process's RSS twice a second until disposed and keeps the highest, as a cross-check of VmHWM.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop;
    private readonly Task _sampling;
    private long _highest;

    public MemorySampler(int pid, CancellationToken cancellationToken)
    {
        _pid = pid;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _sampling = SampleAsync(_stop.Token);
    }

    public long HighestRssBytes => Interlocked.Read(ref _highest);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _sampling;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        do
        {
            var rss = ProcessMemory.Read(_pid).RssBytes;
            if (rss > Interlocked.Read(ref _highest))
            {
                Interlocked.Exchange(ref _highest, rss);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }
}
