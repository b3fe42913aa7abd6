namespace CanaryFlow.Controller.Tests.Infrastructure;

/// <summary>Real-time limits that only turn a hang into a failure; no test waits them out when it passes.</summary>
public static class TestTimeouts
{
    public static readonly TimeSpan Hang = TimeSpan.FromSeconds(10);

    public static Task<T> OrHang<T>(this Task<T> task) => task.WaitAsync(Hang);

    public static Task OrHang(this Task task) => task.WaitAsync(Hang);
}
