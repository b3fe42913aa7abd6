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
/// An authenticating reverse proxy in front of a real Prometheus (as oauth2-proxy or a managed Prometheus' gateway
/// is): a request with <c>Authorization: Bearer &lt;token&gt;</c> goes through unchanged, anything else gets a
/// plain-text 401. Prometheus 2.42 cannot check bearer tokens itself, so this is the one thing here that is not it.
/// </summary>
public sealed class BearerTokenProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;

    private BearerTokenProxy(WebApplication app, HttpClient upstream)
    {
        _app = app;
        _upstream = upstream;
    }

    /// <summary>http://127.0.0.1:&lt;port&gt;/, to use as the Prometheus address.</summary>
    public Uri Address { get; private set; } = null!;

    public static async Task<BearerTokenProxy> StartAsync(Uri prometheus, string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prometheus);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var proxy = new BearerTokenProxy(app, new HttpClient { BaseAddress = prometheus });
        app.Run(context => proxy.ForwardAsync(context, "Bearer " + token));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        proxy.Address = new Uri(address.EndsWith('/') ? address : address + "/");
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task ForwardAsync(HttpContext context, string expected)
    {
        var cancellationToken = context.RequestAborted;
        if (context.Request.Headers.Authorization.ToString() != expected)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("401 Unauthorized: a valid bearer token is required\n", cancellationToken);
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path.ToString().TrimStart('/') + context.Request.QueryString);
        if (context.Request.ContentLength > 0 || context.Request.ContentType is not null)
        {
            request.Content = new StreamContent(context.Request.Body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        }

        using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await response.Content.CopyToAsync(context.Response.Body, cancellationToken);
    }
}
