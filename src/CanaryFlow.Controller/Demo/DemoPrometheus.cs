using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CanaryFlow.Controller.Demo;

/// <summary>
/// A real Prometheus as a child process on a free port, scraping the storefront apps every second. Its targets come
/// from a file (file_sd) that <see cref="SetTargets"/> rewrites, each labelled with the app's
/// <c>rollouts_pod_template_hash</c> as Kubernetes service discovery relabelling would label a pod's series.
/// </summary>
public sealed class DemoPrometheus : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _targetsFile;
    private readonly StringBuilder _output = new();

    private DemoPrometheus(Process process, Uri address, string targetsFile)
    {
        _process = process;
        Address = address;
        _targetsFile = targetsFile;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    /// <summary>The prometheus binary on PATH (or Debian's /usr/bin/prometheus); null when it is not installed.</summary>
    public static string? FindBinary() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "prometheus"))
            .Append("/usr/bin/prometheus")
            .FirstOrDefault(File.Exists);

    public static async Task<DemoPrometheus> StartAsync(string binary, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var targets = Path.Combine(directory, "targets.json");
        await File.WriteAllTextAsync(targets, "[]", cancellationToken).ConfigureAwait(false);
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
            - job_name: storefront
              file_sd_configs:
              - files: ['{targets}']
                refresh_interval: 1s
            """, cancellationToken).ConfigureAwait(false);
        var port = FreePort();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in (string[])[$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{port}"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start");
        var prometheus = new DemoPrometheus(process, new Uri($"http://127.0.0.1:{port}/"), targets);
        try
        {
            await prometheus.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return prometheus;
        }
        catch
        {
            await prometheus.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Scrape exactly these apps from now on (Prometheus rereads the file within a second).</summary>
    public void SetTargets(IEnumerable<DemoApp> apps)
    {
        ArgumentNullException.ThrowIfNull(apps);
        var groups = apps.Select(a => $$$"""{"targets":["{{{a.BaseAddress.Authority}}}"],"labels":{"app":"storefront","version":"{{{a.Release.Version}}}","rollouts_pod_template_hash":"{{{a.PodTemplateHash}}}"}}""");

        // Written aside and moved, so Prometheus never reads half a file.
        var temporary = _targetsFile + ".tmp";
        File.WriteAllText(temporary, "[" + string.Join(",", groups) + "]");
        File.Move(temporary, _targetsFile, overwrite: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Address, "-/ready"), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to answer while starting.
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        string output;
        lock (_output)
        {
            output = _output.ToString();
        }

        throw new InvalidOperationException($"prometheus did not become ready on {Address}:\n{output}");
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
