using System.Diagnostics;
using System.Globalization;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Benchmarks.ControllerFleet;

/// <summary>The controller process being measured: its /metrics, its memory and CPU time, and waiting on both.</summary>
internal sealed class ControllerUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan _pollInterval = TimeSpan.FromSeconds(1);
    private readonly ControllerProcess _process;
    private readonly HttpClient _http = new();
    private readonly Uri _metrics;

    private ControllerUnderTest(ControllerProcess process, Uri metrics)
    {
        _process = process;
        _metrics = metrics;
    }

    public int ProcessId => _process.ProcessId;

    /// <summary>The controller as a user runs it (all namespaces, information logs), with the fleet's settings.</summary>
    public static async Task<ControllerUnderTest> StartAsync(string kubeconfig, FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var qps = options.KubeApiQps.ToString(CultureInfo.InvariantCulture);
        string[] arguments = ["--log-level", "information", "--resync-period", options.ResyncPeriod, "--kube-api-qps", qps, "--kube-api-burst", qps, "--workers", options.Workers.ToString(CultureInfo.InvariantCulture)];
        Console.WriteLine($"controller: dotnet CanaryFlow.Controller.dll --kubeconfig ... --metrics-bind-address 127.0.0.1:0 --health-probe-bind-address 0 {string.Join(' ', arguments)}");
        var process = ControllerProcess.Start(kubeconfig, null, arguments);
        return new ControllerUnderTest(process, new Uri(await process.MetricsAsync(), "/metrics"));
    }

    public async Task<ControllerSnapshot> ScrapeAsync(CancellationToken cancellationToken)
    {
        ThrowIfExited();
        return ControllerSnapshot.From(MetricsScrape.Parse(await _http.GetStringAsync(_metrics, cancellationToken)));
    }

    public ProcessMemory Memory() => ProcessMemory.Read(ProcessId);

    public TimeSpan CpuTime()
    {
        using var process = Process.GetProcessById(ProcessId);
        return process.TotalProcessorTime;
    }

    /// <summary>Scrapes once a second until <paramref name="done"/> holds; returns that scrape.</summary>
    public async Task<ControllerSnapshot> WaitUntilAsync(Func<ControllerSnapshot, bool> done, string what, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var snapshot = await ScrapeAsync(cancellationToken);
            if (done(snapshot))
            {
                return snapshot;
            }

            if (watch.Elapsed - lastReport >= TimeSpan.FromSeconds(30))
            {
                lastReport = watch.Elapsed;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... waiting for {what} for {watch.Elapsed.TotalSeconds:0} s: Healthy {snapshot.Phase("Healthy"):0}, queue {snapshot.QueueDepth:0}, in flight {snapshot.InFlight:0}, reconciles {snapshot.Reconciles.Count:0}, writes {snapshot.Writes:0}, RSS {Memory().RssMiB:0} MiB"));
            }

            await Task.Delay(_pollInterval, cancellationToken);
        }
    }

    /// <summary>
    /// Waits until the controller has nothing to do: queue empty, no reconcile or Event write in flight, and neither
    /// writes nor reconciles counted for <paramref name="quiet"/>.
    /// </summary>
    public async Task<ControllerSnapshot> WaitForQuietAsync(TimeSpan quiet, CancellationToken cancellationToken)
    {
        var last = await ScrapeAsync(cancellationToken);
        var since = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(_pollInterval, cancellationToken);
            var now = await ScrapeAsync(cancellationToken);
            if (!now.Idle || now.Writes != last.Writes || now.Reconciles.Count != last.Reconciles.Count)
            {
                since.Restart();
            }
            else if (since.Elapsed >= quiet)
            {
                return now;
            }

            last = now;
        }
    }

    /// <summary>Where the controller's log ends now, for <see cref="ActionsSince"/>.</summary>
    public int LogMark() => _process.Output.Length;

    /// <summary>The writes the controller logged since <paramref name="mark"/>.</summary>
    public ActionLog ActionsSince(int mark) => ActionLog.Count(_process.Output, mark);

    /// <summary>The tail of the controller's log, for a failure message.</summary>
    public string RecentOutput(int lines = 40) => string.Join('\n', _process.Output.Split('\n').TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }

    private void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException("the controller exited:\n" + RecentOutput());
        }
    }
}
