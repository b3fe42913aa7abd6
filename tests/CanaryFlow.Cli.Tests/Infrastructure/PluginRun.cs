using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.Cli.Tests.Infrastructure;

/// <summary><c>kubectl canaryflow ...</c> as a person types it: kubectl finds the plugin on PATH and runs it.</summary>
public static class PluginRun
{
    public static Task<KubectlResult> CanaryFlowAsync(this Kubectl kubectl, params string[] arguments) => kubectl.CanaryFlowWithInputAsync(null, arguments);

    public static Task<KubectlResult> CanaryFlowWithInputAsync(this Kubectl kubectl, string? stdin, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(kubectl);
        return kubectl.RunAsync(stdin, TimeSpan.FromSeconds(90), ["canaryflow", .. arguments]);
    }

    /// <summary>Asserts a failure reads as one line (kubectl's "error: ..." style), never a stack trace.</summary>
    public static string ShouldFailWithOneLine(this KubectlResult result, int exitCode = 1)
    {
        ArgumentNullException.ThrowIfNull(result);
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}, got {result.ExitCode}:\n{result.Stdout}\n{result.Stderr}");
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}:\n{result.Stderr}");
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        return lines[0];
    }
}
