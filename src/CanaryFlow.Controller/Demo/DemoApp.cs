using System.Diagnostics;
using System.Globalization;
using System.Net;
using CanaryFlow.Controller.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Demo;

/// <summary>
/// The storefront: one Kestrel instance per ReplicaSet the controller creates (LocalCluster's pods are simulated, so
/// this stands in for their containers). <c>/</c> answers the page (v3 fails a share with 503), <c>/metrics</c> has
/// <c>http_requests_total{code}</c> and the <c>http_request_duration_seconds</c> histogram for Prometheus, and
/// <c>/stats?window=15s</c> the same figures as JSON for the web metric provider.
/// </summary>
public sealed class DemoApp : IAsyncDisposable
{
    public const string VersionHeader = "X-Storefront-Version";

    private readonly WebApplication _app;
    private readonly Counter _requests;
    private readonly Histogram _latency;
    private readonly MetricRegistry _metrics = new();
    private readonly RequestWindow _window = new(TimeProvider.System);

    private DemoApp(WebApplication app, DemoRelease release, string podTemplateHash)
    {
        _app = app;
        Release = release;
        PodTemplateHash = podTemplateHash;
        _requests = _metrics.CreateCounter("http_requests_total", "Requests answered, by status code.", ["version", "code"]);
        _latency = _metrics.CreateHistogram("http_request_duration_seconds", "Time to answer a request.", Histogram.DefaultBuckets, ["version"]);
    }

    public DemoRelease Release { get; }

    public string PodTemplateHash { get; }

    /// <summary>http://127.0.0.1:&lt;port&gt;/</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<DemoApp> StartAsync(DemoRelease release, string podTemplateHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(release);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var demo = new DemoApp(app, release, podTemplateHash);
        app.MapGet("/", demo.ServePageAsync);
        app.MapGet("/healthz", () => "ok");
        app.MapGet("/metrics", demo.ServeMetricsAsync);
        app.MapGet("/stats", demo.ServeStatsAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        demo.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return demo;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task ServePageAsync(HttpContext context)
    {
        var clock = Stopwatch.StartNew();

        // A little work, so the latency histogram has something to show.
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25)), context.RequestAborted).ConfigureAwait(false);
        var failed = Random.Shared.NextDouble() < Release.ErrorShare;
        context.Response.StatusCode = failed ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.Headers[VersionHeader] = Release.Version;
        var page = new StorefrontPage(Release.Version, PodTemplateHash, failed ? "the basket service is unavailable" : "welcome to the storefront");
        await context.Response.WriteAsJsonAsync(page, DemoJsonContext.Default.StorefrontPage, cancellationToken: context.RequestAborted).ConfigureAwait(false);

        var seconds = clock.Elapsed.TotalSeconds;
        _requests.WithLabels(Release.Version, context.Response.StatusCode.ToString(CultureInfo.InvariantCulture)).Inc();
        _latency.WithLabels(Release.Version).Observe(seconds);
        _window.Add(context.Response.StatusCode, seconds, Release.Version);
    }

    private Task ServeMetricsAsync(HttpContext context)
    {
        context.Response.ContentType = ExpositionFormat.ContentType;
        return context.Response.WriteAsync(_metrics.Render(), context.RequestAborted);
    }

    private async Task ServeStatsAsync(HttpContext context)
    {
        var text = context.Request.Query["window"].ToString();
        if (!Core.Durations.KubernetesDuration.TryParse(text.Length == 0 ? "15s" : text, out var window, out var error))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("window: " + error, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var stats = RequestStats.Of(Release.Version, _window.Recent(window));

        // No requests is no data, never a pass: the web provider records an error measurement and tries again.
        context.Response.StatusCode = stats.Requests == 0 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        await context.Response.WriteAsJsonAsync(stats, DemoJsonContext.Default.RequestStats, cancellationToken: context.RequestAborted).ConfigureAwait(false);
    }
}
