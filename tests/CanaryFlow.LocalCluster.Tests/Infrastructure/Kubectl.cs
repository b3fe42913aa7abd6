using System.Diagnostics;
using System.Text;

namespace CanaryFlow.LocalCluster.Tests.Infrastructure;

/// <summary>
/// Runs the real kubectl binary against a LocalCluster. kubectl must be on PATH: its absence fails the test
/// (the conformance suite is the proof that LocalCluster behaves like a real API server), it never skips.
/// </summary>
public sealed class Kubectl : IDisposable
{
    private readonly string _directory;

    public Kubectl(LocalClusterServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _directory = Directory.CreateTempSubdirectory("kubectl-").FullName;
        KubeconfigPath = Path.Combine(_directory, "kubeconfig");
        server.WriteKubeconfig(KubeconfigPath);
    }

    public string KubeconfigPath { get; }

    /// <summary>A scratch directory for manifests that is removed with this object.</summary>
    public string WorkDirectory => _directory;

    public static string Executable { get; } = Find();

    public async Task<KubectlResult> RunAsync(params string[] arguments) => await RunAsync(null, TimeSpan.FromSeconds(60), arguments);

    public async Task<KubectlResult> RunAsync(string? stdin, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KUBECONFIG"] = KubeconfigPath;
        start.Environment["KUBECACHEDIR"] = Path.Combine(_directory, "cache");
        start.Environment["HOME"] = _directory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', arguments)} did not finish within {timeout}: {await stderr}");
        }

        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts kubectl without waiting (for --watch); the caller reads its output and kills it.</summary>
    public Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KUBECONFIG"] = KubeconfigPath;
        start.Environment["KUBECACHEDIR"] = Path.Combine(_directory, "cache");
        start.Environment["HOME"] = _directory;
        return Process.Start(start)!;
    }

    public string WriteManifest(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A kubectl child still holding a file: the OS temp cleaner gets it.
        }
    }

    private static string Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, "kubectl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("kubectl is not on PATH: the LocalCluster conformance tests need the real kubectl binary");
    }
}

public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Fails with everything kubectl said when it did not succeed.</summary>
    public KubectlResult ShouldSucceed()
    {
        Assert.True(ExitCode == 0, $"kubectl failed with {ExitCode}:\n{Stderr}\n{Stdout}");
        return this;
    }

    /// <summary>Fails when kubectl succeeded: the server was expected to refuse.</summary>
    public KubectlResult ShouldFail()
    {
        Assert.True(ExitCode != 0, $"kubectl succeeded but should have failed:\n{Stdout}\n{Stderr}");
        return this;
    }
}
