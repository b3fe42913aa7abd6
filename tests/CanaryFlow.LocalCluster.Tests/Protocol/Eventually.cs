namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Polls a condition with a deadline, for effects of the server's asynchronous controllers (GC, namespace cleanup).</summary>
public static class Eventually
{
    private static readonly TimeSpan _pollInterval = TimeSpan.FromMilliseconds(20);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(_pollInterval);
        }
    }
}
