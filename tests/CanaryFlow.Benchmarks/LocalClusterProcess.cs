using System.Diagnostics;
using System.Globalization;
using CanaryFlow.Kubernetes.Config;

namespace CanaryFlow.Benchmarks;

/// <summary>LocalCluster in a process of its own, so the measured client does not share its process with the server.</summary>
internal sealed class LocalClusterProcess : IAsyncDisposable
{
    private const int _keptLines = 200;
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly Task _draining;

    private LocalClusterProcess(Process process, string directory, string kubeconfig)
    {
        _process = process;
        Directory = directory;
        Kubeconfig = kubeconfig;

        // Keep reading: a server whose output pipe fills up blocks on its next log line.
        _draining = Task.WhenAll(KeepAsync(process.StandardOutput), KeepAsync(process.StandardError));
    }

    public string Directory { get; }
    public string Kubeconfig { get; }
    public int ProcessId => _process.Id;

    /// <summary>The last lines LocalCluster printed (warnings and errors), for when something breaks.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join('\n', _lastLines);
            }
        }
    }

    public KubernetesConnection Connection() => KubeconfigLoader.Load(Kubeconfig, environment: new KubeconfigEnvironment(_ => null, Directory));

    /// <param name="podReadySeconds">How long its simulated pods take to become Ready (<c>--pod-ready-seconds</c>).</param>
    public static async Task<LocalClusterProcess> StartAsync(double podReadySeconds = 1, CancellationToken cancellationToken = default)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("bench-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CanaryFlow.LocalCluster.dll"), "--kubeconfig", kubeconfig, "--pod-ready-seconds", podReadySeconds.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Contains("ready", StringComparison.Ordinal))
            {
                return new LocalClusterProcess(process, directory, kubeconfig);
            }
        }

        throw new InvalidOperationException("LocalCluster exited before it was ready: " + await process.StandardError.ReadToEndAsync(cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        await _draining;
        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task KeepAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            lock (_lastLines)
            {
                _lastLines.Enqueue(line);
                if (_lastLines.Count > _keptLines)
                {
                    _lastLines.Dequeue();
                }
            }
        }
    }
}
