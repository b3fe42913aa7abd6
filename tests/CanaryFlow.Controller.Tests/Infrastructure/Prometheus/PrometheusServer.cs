using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using CanaryFlow.Controller.Analysis.Prometheus;

namespace CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

/// <summary>
/// The real prometheus binary on 127.0.0.1:&lt;free port&gt; with its TSDB in a temporary directory. A test can
/// <see cref="StopAsync"/> it (SIGKILL, as a crash), <see cref="StartAsync(CancellationToken)"/> it again or
/// <see cref="RestartAsync"/> it, always on the same port and data, and wait for a PromQL expression to reach a value
/// with <see cref="WaitForValueAsync"/>. Disposing kills it and deletes the directory; an <see cref="OrphanGuard"/>
/// kills it if the test host dies first, and <see cref="ChildProcessRegistry"/> lets tests/run-all.sh kill it by id.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWaitLimit = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan _startupLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _probeInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>A fifth of the scrape interval: a new sample is seen soon after it lands, without busy polling.</summary>
    private static readonly TimeSpan _queryInterval = TimeSpan.FromMilliseconds(200);

    private readonly string _binary;
    private readonly DirectoryInfo _directory;
    private readonly List<string> _arguments;
    private readonly HttpClient _probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly PrometheusClient _client;
    private readonly StringBuilder _output = new();
    private Process? _process;
    private OrphanGuard? _guard;

    private PrometheusServer(string binary, DirectoryInfo directory, int port, List<string> arguments, (string User, string Password)? credentials)
    {
        _binary = binary;
        _directory = directory;
        _arguments = arguments;
        Address = new Uri($"http://127.0.0.1:{port}/");
        _client = new PrometheusClient(_probe, new PrometheusClientOptions
        {
            Address = Address,
            Authentication = credentials is { } c ? new PrometheusBasicAuthentication(c.User, c.Password) : null,
            RequestTimeout = TimeSpan.FromSeconds(5),
        });
        if (credentials is { } probe)
        {
            _probe.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(probe.User + ":" + probe.Password)));
        }
    }

    /// <summary>The API root, e.g. http://127.0.0.1:41234/. It stays the same across stops and restarts.</summary>
    public Uri Address { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The process id while running (for a test that wants to signal it itself).</summary>
    public int? ProcessId => IsRunning ? _process!.Id : null;

    /// <summary>Everything Prometheus logged since this object was created (for failure messages).</summary>
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

    /// <summary>
    /// Starts Prometheus and waits until /-/ready answers 200. Throws with its log when it cannot, and with
    /// installation advice when the binary is missing (tests that need it fail, never skip).
    /// </summary>
    public static async Task<PrometheusServer> StartAsync(PrometheusServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var binary = PrometheusBinary.Locate();
        var directory = Directory.CreateTempSubdirectory("canaryflow-prometheus-");
        var config = PrometheusConfigFiles.WriteConfig(directory.FullName, options);
        var webConfig = PrometheusConfigFiles.WriteWebConfig(directory.FullName, options.BasicAuthUsers);
        for (var attempt = 1; ; attempt++)
        {
            // The port is picked before Prometheus binds it; another process can take it in between, so retry then.
            var port = FreePort.Next();
            List<string> arguments =
            [
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(directory.FullName, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
                .. webConfig is null ? Array.Empty<string>() : [$"--web.config.file={webConfig}"],
            ];
            var server = new PrometheusServer(binary, directory, port, arguments, options.ProbeCredentials);
            try
            {
                await server.StartAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && server.Output.Contains("address already in use", StringComparison.Ordinal))
            {
                await server.StopAsync();
                server._probe.Dispose();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Starts it again after <see cref="StopAsync"/> (same port, same TSDB) and waits until it is ready.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Prometheus is already running");
        }

        var start = new ProcessStartInfo(_binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory.FullName,
        };
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{_binary} did not start");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        ChildProcessRegistry.Add(process, _binary);
        _guard = OrphanGuard.Watch(process);
        await WaitUntilReadyAsync(process, cancellationToken);
    }

    /// <summary>Kills Prometheus (SIGKILL, like a crash or a node loss) and waits until it is gone; its port then refuses connections.</summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            // Not cancellable: returning before the process is gone would leave a Prometheus behind.
            await process.WaitForExitAsync(CancellationToken.None);
            ChildProcessRegistry.Remove(process.Id);
            process.Dispose();
            _process = null;
        }

        _guard?.Dispose();
        _guard = null;
    }

    /// <summary>Kills it and starts it again on the same port and TSDB; returns once it is ready (not yet scraped again).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        await StartAsync(cancellationToken);
    }

    /// <summary>
    /// Evaluates <paramref name="expression"/> every 200 ms until its value satisfies <paramref name="predicate"/> and
    /// returns that value. The value is a scalar's, or the only sample's of a one-series vector; any other answer
    /// (no series yet, several series, a query error, Prometheus down) counts as "not yet". Throws
    /// <see cref="TimeoutException"/> after <paramref name="timeout"/> (default 30 s) with the last answer and what
    /// Prometheus logged.
    /// </summary>
    public async Task<double> WaitForValueAsync(string expression, Func<double, bool> predicate, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var result = await WaitForResultAsync(expression, r => SingleValue(r) is { } value && predicate(value), timeout, cancellationToken);
        return SingleValue(result)!.Value;
    }

    /// <summary>Like <see cref="WaitForValueAsync"/>, for a predicate over the whole result (several series, a string…).</summary>
    public async Task<PrometheusQueryResult> WaitForResultAsync(string expression, Func<PrometheusQueryResult, bool> predicate, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(predicate);
        var limit = timeout ?? DefaultWaitLimit;
        var elapsed = Stopwatch.StartNew();
        var last = "no answer yet";
        while (true)
        {
            try
            {
                var result = await _client.QueryAsync(expression, cancellationToken);
                if (predicate(result))
                {
                    return result;
                }

                last = Describe(result);
            }
            catch (PrometheusException e)
            {
                last = e.Message;
            }

            if (elapsed.Elapsed >= limit)
            {
                throw new TimeoutException($"{expression} did not meet the condition within {limit}; last answer: {last}\nPrometheus logged:\n{Output}");
            }

            await Task.Delay(_queryInterval, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _probe.Dispose();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }

    private static double? SingleValue(PrometheusQueryResult result) => result.ResultType switch
    {
        PrometheusResultType.Scalar => result.Scalar!.Value.Value,
        PrometheusResultType.Vector when result.Samples.Count == 1 => result.Samples[0].Value,
        _ => null,
    };

    private static string Describe(PrometheusQueryResult result) => result.ResultType switch
    {
        PrometheusResultType.Scalar => $"scalar {result.Scalar!.Value.Value}",
        PrometheusResultType.String => $"string \"{result.String!.Value}\"",
        PrometheusResultType.Vector => $"vector of {result.Samples.Count}: [{string.Join(", ", result.Samples.Select(s => $"{{{string.Join(",", s.Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} {s.Value}"))}]",
        _ => $"matrix of {result.Matrix.Count} series",
    };

    private async Task WaitUntilReadyAsync(Process process, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var ready = new Uri(Address, "-/ready");
        var last = "no answer yet";
        while (elapsed.Elapsed < _startupLimit)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with code {process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                using var response = await _probe.GetAsync(ready, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "the probe timed out";
            }

            await Task.Delay(_probeInterval, cancellationToken);
        }

        throw new InvalidOperationException($"prometheus was not ready within {_startupLimit} (last probe: {last}):\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
