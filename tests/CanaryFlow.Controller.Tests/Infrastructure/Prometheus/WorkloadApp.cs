using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

/// <summary>
/// A small Kestrel app on 127.0.0.1:&lt;free port&gt; standing in for the workload under a canary: <c>/metrics</c>
/// exposes <see cref="Counters"/> (<c>http_requests_total{version, code}</c>) for Prometheus to scrape, and
/// <c>/recorder/api/v1/query</c> answers like Prometheus while recording each request's method, URL, headers and
/// form, so tests can see what a client sends (what a real Prometheus cannot tell them).
/// A test changes the traffic at runtime with <see cref="SetErrorRatio"/> and <see cref="SetRequestRate"/>, and
/// judges it in PromQL such as <see cref="ErrorRatioQuery"/>.
/// </summary>
public sealed class WorkloadApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _recorded = new();

    private WorkloadApp(WebApplication app, RequestCounters counters)
    {
        _app = app;
        Counters = counters;
    }

    public RequestCounters Counters { get; }

    /// <summary>http://127.0.0.1:&lt;port&gt;/</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>host:port, the scrape target.</summary>
    public string Target => BaseAddress.Authority;

    /// <summary>A Prometheus address whose /api/v1/query is the recorder.</summary>
    public Uri RecorderAddress => new(BaseAddress, "recorder/");

    public IReadOnlyList<RecordedRequest> RecordedRequests => [.. _recorded];

    public static async Task<WorkloadApp> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var workload = new WorkloadApp(app, new RequestCounters());
        app.MapGet("/metrics", workload.ServeMetricsAsync);
        app.MapMethods("/recorder/api/v1/query", ["GET", "POST"], workload.RecordAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        workload.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return workload;
    }

    /// <summary>From now on, <paramref name="ratio"/> (0 to 1) of <paramref name="version"/>'s requests answer 500; an unknown version is added.</summary>
    public void SetErrorRatio(string version, double ratio) => Counters.SetErrorRatio(version, ratio);

    /// <summary>From now on, <paramref name="version"/> serves this many requests a second (default 100); an unknown version is added.</summary>
    public void SetRequestRate(string version, double requestsPerSecond) => Counters.SetRequestRate(version, requestsPerSecond);

    /// <summary>
    /// The share of <paramref name="version"/>'s requests that answered 500 over the last <paramref name="window"/>
    /// (a PromQL duration; keep it at least 3 s, so it spans two of the 1 s scrapes even when one is late).
    /// </summary>
    public static string ErrorRatioQuery(string version, string window = "5s") =>
        $"sum(rate(http_requests_total{{version=\"{version}\",code=\"500\"}}[{window}])) / sum(rate(http_requests_total{{version=\"{version}\"}}[{window}]))";

    /// <summary>Requests a second <paramref name="version"/> served over the last <paramref name="window"/>.</summary>
    public static string RequestRateQuery(string version, string window = "5s") =>
        $"sum(rate(http_requests_total{{version=\"{version}\"}}[{window}]))";

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ServeMetricsAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await context.Response.WriteAsync(Counters.Render(), context.RequestAborted);
    }

    private async Task RecordAsync(HttpContext context)
    {
        var request = context.Request;
        var form = request.HasFormContentType
            ? (await request.ReadFormAsync(context.RequestAborted)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>();
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _recorded.Enqueue(new RecordedRequest(request.Method, request.Path + request.QueryString, headers, form));
        var now = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000m).ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$$"""{"status":"success","data":{"resultType":"scalar","result":[{{{now}}},"1"]}}""", context.RequestAborted);
    }
}
