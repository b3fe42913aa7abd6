using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace CanaryFlow.Tests.Shared;

/// <summary>
/// The real controller as its own process (the same binary the README runs), so tests can kill it with SIGKILL and
/// start another, or run two side by side, and benchmarks measure it alone. Its output is kept for failure messages.
/// The project that uses it references CanaryFlow.Controller, so the controller's build lands beside its own.
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

    /// <summary>
    /// Starts the controller against a kubeconfig, watching one namespace (null: all), with /metrics on a free port
    /// and debug logs unless <paramref name="extra"/> has a <c>--log-level</c> of its own.
    /// </summary>
    public static ControllerProcess Start(string kubeconfig, string? ns, params string[] extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var dll = Path.Combine(AppContext.BaseDirectory, "CanaryFlow.Controller.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] scope = ns is null ? [] : ["--namespace", ns];
        string[] logLevel = extra.Contains("--log-level") ? [] : ["--log-level", "debug"];
        foreach (var argument in (string[])[dll, "--kubeconfig", kubeconfig, .. scope, "--metrics-bind-address", "127.0.0.1:0", "--health-probe-bind-address", "0", .. logLevel, .. extra])
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
