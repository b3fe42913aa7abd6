using System.Diagnostics;

namespace CanaryFlow.Benchmarks.ControllerFleet;

/// <summary>
/// What one periodic resync of an idle fleet cost: reconciles (proving it covered every Rollout) and writes (target:
/// none). <paramref name="SeenAt"/> is the <see cref="Stopwatch"/> timestamp at which it was seen complete; the next
/// one starts about a resync period after it.
/// </summary>
internal sealed record IdleResync(WriteDelta Delta, TimeSpan Waited, long SeenAt)
{
    private static readonly TimeSpan _quiet = TimeSpan.FromSeconds(5);

    /// <summary>
    /// From an idle controller, waits for the next resync (the reconcile count rising by at least one per Rollout),
    /// lets it finish, and returns the writes made meanwhile.
    /// </summary>
    public static async Task<IdleResync> MeasureAsync(ControllerUnderTest controller, int rollouts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var before = await controller.WaitForQuietAsync(_quiet, cancellationToken);
        var watch = Stopwatch.StartNew();
        await controller.WaitUntilAsync(s => s.Reconciles.Count >= before.Reconciles.Count + rollouts, "a resync of every Rollout", cancellationToken);
        var seenAt = Stopwatch.GetTimestamp();
        var after = await controller.WaitForQuietAsync(_quiet, cancellationToken);
        return new IdleResync(WriteDelta.Between(before, after), watch.Elapsed, seenAt);
    }
}
