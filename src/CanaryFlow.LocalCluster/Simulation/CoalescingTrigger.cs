using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.LocalCluster.Simulation;

/// <summary>
/// Runs a pass whenever something signals it; signals that arrive while a pass runs collapse into one more pass.
/// Used by the simulated controllers, which recompute from the whole store state rather than from each event.
/// </summary>
internal sealed partial class CoalescingTrigger : IAsyncDisposable
{
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public CoalescingTrigger(string name, Func<CancellationToken, Task<bool>> pass, ILogger logger)
    {
        _loop = Task.Run(async () =>
        {
            try
            {
                while (await _signals.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
                {
                    _signals.Reader.TryRead(out _);
                    try
                    {
                        // A pass that changed something may have unblocked more work: go again until quiet.
                        for (var i = 0; i < 100 && await pass(_stop.Token).ConfigureAwait(false); i++)
                        {
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogPassFailed(logger, e, name);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        });
    }

    public void Signal() => _signals.Writer.TryWrite(true);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The simulated {Controller} pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, string controller);
}
