using System.Diagnostics;
using System.Text;

namespace CanaryFlow.LocalCluster.Tests.Infrastructure;

/// <summary>
/// A kubectl that keeps running while the test acts (<c>get --watch</c>, <c>wait</c>): its output is collected as it
/// arrives, so a test can wait for the lines a change produces. Disposing kills the process (the one this object
/// started, by its handle) if it is still running.
/// </summary>
public sealed class RunningKubectl : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _lock = new();
    private readonly Task _pumps;

    private RunningKubectl(Process process)
    {
        _process = process;
        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput, _stdout), PumpAsync(process.StandardError, _stderr));
    }

    public static RunningKubectl Start(Kubectl kubectl, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(kubectl);
        return new RunningKubectl(kubectl.Start(arguments));
    }

    /// <summary>Everything kubectl has printed to stdout so far.</summary>
    public string Output => Read(_stdout);

    /// <summary>Everything kubectl has printed to stderr so far (with <c>-v=6</c>, its requests).</summary>
    public string Errors => Read(_stderr);

    /// <summary>Waits until stdout so far satisfies <paramref name="condition"/>.</summary>
    public Task<string> WaitForOutputAsync(Func<string, bool> condition, string what) => WaitForAsync(() => Output, condition, what);

    /// <summary>Waits until stderr so far satisfies <paramref name="condition"/>.</summary>
    public Task<string> WaitForErrorsAsync(Func<string, bool> condition, string what) => WaitForAsync(() => Errors, condition, what);

    /// <summary>Waits for kubectl to end by itself.</summary>
    public async Task<KubectlResult> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        await _pumps;
        return new KubectlResult(_process.ExitCode, Output, Errors);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _pumps;
        _process.Dispose();
    }

    private async Task<string> WaitForAsync(Func<string> read, Func<string, bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var text = await Eventually.UntilAsync(() => Task.FromResult(read()), t => condition(t) || _process.HasExited, what);
        if (!condition(text))
        {
            // kubectl ended: let the pumps drain what it wrote last before judging.
            await _pumps;
            text = read();
            if (!condition(text))
            {
                Assert.Fail($"kubectl exited with {_process.ExitCode} before {what}:\n{Output}\n{Errors}");
            }
        }

        return text;
    }

    private string Read(StringBuilder buffer)
    {
        lock (_lock)
        {
            return buffer.ToString();
        }
    }

    private async Task PumpAsync(StreamReader reader, StringBuilder target)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (_lock)
            {
                target.Append(buffer, 0, read);
            }
        }
    }
}
