using System.Diagnostics;

namespace CanaryFlow.Benchmarks;

/// <summary>The real kubectl against the benchmark's LocalCluster.</summary>
internal static class Kubectl
{
    public static ProcessStartInfo Command(LocalClusterProcess cluster, params string[] arguments)
    {
        var start = new ProcessStartInfo("kubectl", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["KUBECONFIG"] = cluster.Kubeconfig;
        start.Environment["KUBECACHEDIR"] = Path.Combine(cluster.Directory, "kubectl-cache");
        return start;
    }

    /// <summary>Runs kubectl to the end, draining its output; returns the bytes it printed.</summary>
    public static async Task<long> RunAsync(LocalClusterProcess cluster, params string[] arguments)
    {
        using var process = Process.Start(Command(cluster, arguments))!;
        var errors = process.StandardError.ReadToEndAsync();
        long bytes = 0;
        var buffer = new char[65536];
        int read;
        while ((read = await process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            bytes += read;
        }

        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl {string.Join(' ', arguments)} failed: {await errors}");
        }

        return bytes;
    }
}
