namespace CanaryFlow.Kubernetes.Tests.Infrastructure;

/// <summary>Waits for a condition that becomes true asynchronously (an informer catching up), with a deadline.</summary>
public static class Eventually
{
    public static async Task<T> Async<T>(Func<T?> probe, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true in time");
            await Task.Delay(20);
        }
    }

    public static async Task Async(Func<bool?> probe, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (probe() != true)
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true in time");
            await Task.Delay(20);
        }
    }
}
