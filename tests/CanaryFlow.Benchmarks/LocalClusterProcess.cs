using System.Diagnostics;
using CanaryFlow.Kubernetes.Config;

namespace CanaryFlow.Benchmarks;

/// <summary>LocalCluster in a process of its own, so the measured client does not share its process with the server.</summary>
internal sealed class LocalClusterProcess : IAsyncDisposable
{
    private readonly Process _process;

    private LocalClusterProcess(Process process, string directory, string kubeconfig)
    {
        _process = process;
        Directory = directory;
        Kubeconfig = kubeconfig;
    }

    public string Directory { get; }
    public string Kubeconfig { get; }

    public KubernetesConnection Connection() => KubeconfigLoader.Load(Kubeconfig, environment: new KubeconfigEnvironment(_ => null, Directory));

    public static async Task<LocalClusterProcess> StartAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("bench-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CanaryFlow.LocalCluster.dll"), "--kubeconfig", kubeconfig])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.Contains("ready", StringComparison.Ordinal))
            {
                return new LocalClusterProcess(process, directory, kubeconfig);
            }
        }

        throw new InvalidOperationException("LocalCluster exited before it was ready: " + await process.StandardError.ReadToEndAsync());
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
