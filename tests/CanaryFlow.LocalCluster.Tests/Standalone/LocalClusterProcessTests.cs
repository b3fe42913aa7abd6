using System.Diagnostics;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Standalone;

/// <summary>
/// LocalCluster started the way the README and the demo start it: as its own process, which writes a
/// kubeconfig, prints one "ready" line with its URL and stops cleanly on SIGTERM.
/// </summary>
public sealed class LocalClusterProcessTests
{
    [Theory]
    [InlineData(false, "https://127.0.0.1:")]
    [InlineData(true, "http://127.0.0.1:")]
    public async Task Starts_writes_a_kubeconfig_kubectl_uses_and_stops_on_sigterm(bool insecure, string expectedScheme)
    {
        var directory = Directory.CreateTempSubdirectory("localcluster-process-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CanaryFlow.LocalCluster.dll"));
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        if (insecure)
        {
            start.ArgumentList.Add("--insecure-http");
        }

        using var process = Process.Start(start)!;
        try
        {
            var readyLine = await ReadLineContainingAsync(process, "ready", TimeSpan.FromSeconds(30));
            Assert.Contains(expectedScheme, readyLine, StringComparison.Ordinal);
            var config = await File.ReadAllTextAsync(kubeconfig);
            Assert.Contains("token: ", config, StringComparison.Ordinal);
            Assert.Equal(!insecure, config.Contains("certificate-authority-data:", StringComparison.Ordinal));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kubeconfig));
            }

            var kubectl = Process.Start(new ProcessStartInfo(Kubectl.Executable, ["get", "namespaces", "-o", "name"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["KUBECONFIG"] = kubeconfig, ["KUBECACHEDIR"] = Path.Combine(directory, "cache") },
            })!;
            var output = await kubectl.StandardOutput.ReadToEndAsync();
            await kubectl.WaitForExitAsync();
            Assert.Equal(0, kubectl.ExitCode);
            Assert.Contains("namespace/default", output, StringComparison.Ordinal);
            Assert.Contains("namespace/kube-system", output, StringComparison.Ordinal);

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(exited.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Refuses_to_start_without_a_kubeconfig_path()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CanaryFlow.LocalCluster.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("--kubeconfig", error, StringComparison.Ordinal);
    }

    private static async Task<string> ReadLineContainingAsync(Process process, string text, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(cancellation.Token)
                ?? throw new InvalidOperationException("LocalCluster exited before it was ready: " + await process.StandardError.ReadToEndAsync());
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }
}
