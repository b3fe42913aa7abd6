using System.Diagnostics;

namespace CanaryFlow.Controller.Tests.Hosting;

/// <summary>The controller binary's command line: bad input ends with exit code 2 and a message naming the problem.</summary>
public sealed class ControllerCommandTests
{
    [Theory]
    [InlineData("--workers 0", "--workers must be greater than 0")]
    [InlineData("--metrics-bind-address nonsense", "--metrics-bind-address: expected host:port")]
    [InlineData("--resync-period 5 minutes", "Unrecognized command or argument")]
    [InlineData("--resync-period 5parsecs", "--resync-period:")]
    [InlineData("--leader-elect --leader-election-lease-duration 2s --leader-election-renew-deadline 3s", "LeaseDuration (2 s) must be greater than RenewDeadline (3 s)")]
    public async Task Bad_flags_exit_2_naming_the_flag(string arguments, string expected)
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), "cf-ok-" + Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """);
        try
        {
            string[] endpoints = arguments.Contains("--metrics-bind-address", StringComparison.Ordinal) ? ["--health-probe-bind-address", "0"] : ["--metrics-bind-address", "0", "--health-probe-bind-address", "0"];
            var (code, output) = await RunAsync(["--kubeconfig", kubeconfig, .. endpoints, .. arguments.Split(' ')]);
            Assert.Equal(arguments.Contains("minutes", StringComparison.Ordinal) ? 1 : 2, code);
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task A_broken_kubeconfig_is_named_in_the_error()
    {
        var path = Path.Combine(Path.GetTempPath(), "cf-bad-" + Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(path, "apiVersion: v1\nkind: Config\nclusters: [this is: not yaml\n");
        try
        {
            var (code, output) = await RunAsync(["--kubeconfig", path, "--metrics-bind-address", "0", "--health-probe-bind-address", "0"]);
            Assert.Equal(2, code);
            Assert.Contains(path, output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CanaryFlow.Controller.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
