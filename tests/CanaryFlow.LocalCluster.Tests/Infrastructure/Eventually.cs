using System.Diagnostics;

namespace CanaryFlow.LocalCluster.Tests.Infrastructure;

/// <summary>
/// Polls until a condition holds or a deadline passes: the simulated controllers (ReplicaSet, kubelet, garbage
/// collector, namespace controller) act asynchronously, so tests observe their effects rather than sleep.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan _interval = TimeSpan.FromMilliseconds(50);

    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(15);

    /// <summary>Runs <paramref name="probe"/> until <paramref name="done"/> accepts its value; fails naming what was awaited and the last value.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var limit = timeout ?? DefaultTimeout;
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (elapsed.Elapsed > limit)
            {
                Assert.Fail($"{what} did not happen within {limit}; last observed:\n{Describe(value)}");
            }

            await Task.Delay(_interval);
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => text,
        System.Collections.IEnumerable items => $"[{string.Join(", ", items.Cast<object?>())}]",
        _ => value.ToString() ?? "",
    };
}
