namespace CanaryFlow.Controller;

/// <summary>The command line of the controller process (filled in by the controller's host).</summary>
public static class ControllerCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Console.Error.WriteLine("canaryflow-controller: not wired yet");
        return Task.FromResult(2);
    }
}
