using System.Net;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Informers;
using CanaryFlow.Kubernetes.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Demo;

/// <summary>
/// The Gateway's part: a Kestrel proxy that splits each request between the HTTPRoute's backends by the weights the
/// controller writes, sends it to the pods the chosen Service selects (its pod-template hash), and answers with theirs.
/// It reads the route and Services from informers, so a weight change applies to the next request.
/// <c>/_demo/pods/{hash}/stats</c> reaches one ReplicaSet's app directly, as the web metric provider does in-cluster.
/// </summary>
public sealed partial class WeightedProxy : IAsyncDisposable
{
    public const string BackendHeader = "X-Demo-Backend";

    private readonly WebApplication _app;
    private readonly Informer<HttpRoute> _routes;
    private readonly Informer<Service> _services;
    private readonly DemoPods _pods;
    private readonly string _namespace;
    private readonly string _routeName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    private WeightedProxy(WebApplication app, KubernetesClient client, string ns, string routeName, DemoPods pods, ILoggerFactory loggerFactory)
    {
        _app = app;
        _namespace = ns;
        _routeName = routeName;
        _pods = pods;
        _logger = loggerFactory.CreateLogger<WeightedProxy>();
        _routes = new Informer<HttpRoute>(client.Resource<HttpRoute>(ResourceTypes.HttpRoutes), new InformerOptions { Namespace = ns }, _logger);
        _services = new Informer<Service>(client.Resource<Service>(ResourceTypes.Services), new InformerOptions { Namespace = ns }, _logger);
    }

    /// <summary>http://127.0.0.1:&lt;port&gt;/</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The stats URL of the app with pod-template hash <c>{{args.canary-hash}}</c>, for a web metric.</summary>
    public string StatsUrlTemplate(string window) => $"{BaseAddress}_demo/pods/{{{{args.canary-hash}}}}/stats?window={window}";

    public static async Task<WeightedProxy> StartAsync(KubernetesClient client, string ns, string routeName, DemoPods pods, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var proxy = new WeightedProxy(app, client, ns, routeName, pods, loggerFactory);
        app.MapGet("/_demo/pods/{hash}/stats", proxy.ForwardStatsAsync);
        app.Map("/{**path}", proxy.ForwardAsync);
        proxy._running = Task.WhenAll(proxy._routes.RunAsync(proxy._stop.Token), proxy._services.RunAsync(proxy._stop.Token));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        proxy.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stop.Dispose();
        _http.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var service = WeightedBackends.Pick(WeightedBackends.Of(_routes.Cache.Get(_namespace, _routeName)), Random.Shared.NextDouble());
        var hash = service is null ? null : _services.Cache.Get(_namespace, service)?.Spec?.Selector?.GetValueOrDefault(DemoPods.HashLabel);
        var app = hash is null ? null : _pods.Find(hash);
        if (app is null)
        {
            // What a Gateway answers when the route or the Service's endpoints are missing.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync($"no ready endpoints for {service ?? "route " + _routeName}\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.Headers[BackendHeader] = service;
        await ForwardToAsync(context, new Uri(app.BaseAddress, context.Request.Path.Value?.TrimStart('/') + context.Request.QueryString)).ConfigureAwait(false);
    }

    private Task ForwardStatsAsync(HttpContext context, string hash)
    {
        if (_pods.Find(hash) is not { } app)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return context.Response.WriteAsync($"no pods with {DemoPods.HashLabel}={hash}\n", context.RequestAborted);
        }

        return ForwardToAsync(context, new Uri(app.BaseAddress, "stats" + context.Request.QueryString));
    }

    private async Task ForwardToAsync(HttpContext context, Uri target)
    {
        try
        {
            using var response = await _http.GetAsync(target, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.Headers[name] = values.ToArray();
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            LogForwardFailed(_logger, target, e.Message);
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding to {Target} failed: {Reason}")]
    private static partial void LogForwardFailed(ILogger logger, Uri target, string reason);
}
