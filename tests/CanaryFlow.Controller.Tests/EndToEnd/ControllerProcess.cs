using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace CanaryFlow.Controller.Tests.EndToEnd;

/// <summary>
/// The real controller as its own process (the same binary the README runs), so tests can kill it with SIGKILL and
/// start another, or run two side by side. Its output is kept for failure messages.
/// </summary>
public sealed partial class ControllerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _metrics = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ControllerProcess(Process process)
    {
        _process = process;
    }

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the controller against a kubeconfig, watching one namespace, with /metrics on a free port.</summary>
    public static ControllerProcess Start(string kubeconfig, string ns, params string[] extra)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "CanaryFlow.Controller.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[dll, "--kubeconfig", kubeconfig, "--namespace", ns, "--metrics-bind-address", "127.0.0.1:0", "--health-probe-bind-address", "0", "--log-level", "debug", .. extra])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var controller = new ControllerProcess(process);
        process.OutputDataReceived += (_, e) => controller.Append(e.Data);
        process.ErrorDataReceived += (_, e) => controller.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return controller;
    }

    /// <summary>Where its /metrics answers, once it has said so.</summary>
    public async Task<Uri> MetricsAsync() =>
        await _metrics.Task.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);

    /// <summary>SIGKILL: no chance to finish anything, as when a node dies.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>SIGTERM, then the exit code (the graceful path a pod's termination takes).</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (MetricsAddress().Match(line) is { Success: true } match)
        {
            _metrics.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Serving /metrics, /healthz and /readyz on (http://\S+)")]
    private static partial Regex MetricsAddress();
}
