using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Tests.Analysis.Web;

/// <summary>A request as the endpoint received it: what the provider really sent, secrets included.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A real Kestrel server on 127.0.0.1 (a free port) answering the way metric endpoints do: JSON, plain text, error
/// statuses that echo the request, a response that never comes, and one too large. It records
/// every request, so a test sees what went over the wire.
/// </summary>
public sealed class MetricEndpoint : IAsyncDisposable
{
    /// <summary>What <c>/metrics</c> answers.</summary>
    public const string MetricsJson = """{"data":{"ok":true,"rate":0.97,"latency":{"p50":0.1,"p99":0.4},"empty":null},"series":[1,2,3]}""";

    /// <summary>Larger than the provider reads (1 MiB).</summary>
    public const int LargeBodyBytes = (1 << 20) + 1;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received;

    private MetricEndpoint(WebApplication app, ConcurrentQueue<ReceivedRequest> received, Uri baseUrl)
    {
        _app = app;
        _received = received;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static async Task<MetricEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var received = new ConcurrentQueue<ReceivedRequest>();
        app.Use(async (context, next) =>
        {
            received.Enqueue(await ReadAsync(context.Request));
            await next(context);
        });
        app.MapMethods("/metrics", ["GET", "POST"], () => Results.Text(MetricsJson, "application/json"));
        app.MapGet("/text", () => Results.Text("healthy: 3 of 3 backends\n", "text/plain"));
        app.MapGet("/echo-text", (HttpRequest request) => Results.Text($"you sent {request.Headers.Authorization}", "text/plain"));
        app.MapGet("/status/{code:int}", (int code, HttpRequest request) =>
            Results.Text($"no such service; request was {request.QueryString} with {request.Headers.Authorization}", "text/plain", statusCode: code));
        app.MapGet("/hang", async (HttpContext context) =>
        {
            // Never answers: only the provider's timeout ends the wait (the client going away cancels this).
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        });
        app.MapGet("/large", () => Results.Text(new string('x', LargeBodyBytes), "text/plain"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new MetricEndpoint(app, received, new Uri(address + "/"));
    }

    /// <summary>The URL of a path on this server, e.g. <c>metrics?service=api</c>.</summary>
    public string Url(string pathAndQuery) => new Uri(BaseUrl, pathAndQuery).ToString();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task<ReceivedRequest> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new ReceivedRequest(request.Method, request.Path + request.QueryString, headers, body);
    }
}
