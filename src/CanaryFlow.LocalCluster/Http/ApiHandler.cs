using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Discovery;
using CanaryFlow.LocalCluster.Faults;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.OpenApi;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.LocalCluster.Http;

/// <summary>
/// Routes every request the way kube-apiserver does: discovery, OpenAPI, and resource paths, with
/// authentication, injected faults and Status errors. Unknown paths get the plain-text 404.
/// </summary>
public sealed partial class ApiHandler
{
    private readonly GenericRegistry _registry;
    private readonly OpenApiDocuments _openApi;
    private readonly WatchStreamer _watches;
    private readonly AccessControl _access;
    private readonly FaultInjector _faults;
    private readonly ILogger _logger;
    private readonly Func<string> _serverAddress;

    public ApiHandler(GenericRegistry registry, OpenApiDocuments openApi, WatchStreamer watches, AccessControl access, FaultInjector faults, ILogger logger, Func<string> serverAddress)
    {
        _registry = registry;
        _openApi = openApi;
        _watches = watches;
        _access = access;
        _faults = faults;
        _logger = logger;
        _serverAddress = serverAddress;
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await RouteAsync(context).ConfigureAwait(false);
        }
        catch (StatusException e)
        {
            if (!context.Response.HasStarted)
            {
                await Responses.WriteStatusAsync(context, e).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogUnexpected(_logger, e, context.Request.Method, context.Request.Path);
            if (!context.Response.HasStarted)
            {
                await Responses.WriteStatusAsync(context, ApiErrors.Internal(e.Message)).ConfigureAwait(false);
            }
        }
    }

    private async Task RouteAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path is "/healthz" or "/livez" or "/readyz")
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("ok", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (path == "/version")
        {
            await Responses.WriteJsonAsync(context, 200, DiscoveryDocuments.Version()).ConfigureAwait(false);
            return;
        }

        if (!_access.IsAuthenticated(context.Request.Headers.Authorization))
        {
            throw ApiErrors.Unauthorized();
        }

        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case ["api"]:
                await Responses.WriteJsonAsync(context, 200, DiscoveryDocuments.CoreVersions(_serverAddress())).ConfigureAwait(false);
                return;
            case ["apis"]:
                await Responses.WriteJsonAsync(context, 200, DiscoveryDocuments.GroupList(_registry.Resources)).ConfigureAwait(false);
                return;
            case ["api", var version]:
                await WriteDiscoveryAsync(context, DiscoveryDocuments.ResourceList(_registry.Resources, "", version)).ConfigureAwait(false);
                return;
            case ["apis", var group]:
                await WriteDiscoveryAsync(context, DiscoveryDocuments.Group(_registry.Resources, group)).ConfigureAwait(false);
                return;
            case ["apis", var group, var version]:
                await WriteDiscoveryAsync(context, DiscoveryDocuments.ResourceList(_registry.Resources, group, version)).ConfigureAwait(false);
                return;
            case ["openapi", "v3"]:
                await Responses.WriteJsonAsync(context, 200, _openApi.Root()).ConfigureAwait(false);
                return;
            case ["openapi", "v3", .. var rest]:
                await WriteOpenApiAsync(context, string.Join('/', rest)).ConfigureAwait(false);
                return;
            case ["api", var version, .. var rest] when rest.Length > 0:
                await HandleResourceAsync(context, ResourcePath.Parse("", version, rest)).ConfigureAwait(false);
                return;
            case ["apis", var group, var version, .. var rest] when rest.Length > 0:
                await HandleResourceAsync(context, ResourcePath.Parse(group, version, rest)).ConfigureAwait(false);
                return;
            default:
                throw ApiErrors.PageNotFound();
        }
    }

    private static Task WriteDiscoveryAsync(HttpContext context, JsonObject? document) =>
        document is null ? throw ApiErrors.PageNotFound() : Responses.WriteJsonAsync(context, 200, document);

    private async Task WriteOpenApiAsync(HttpContext context, string key)
    {
        var document = _openApi.Document(key) ?? throw ApiErrors.PageNotFound();
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers.ETag = "\"" + document.Hash + "\"";
        context.Response.Headers.CacheControl = context.Request.Query.ContainsKey("hash") ? "public, immutable" : "no-cache, private";
        context.Response.ContentLength = document.Body.Length;
        await context.Response.Body.WriteAsync(document.Body, context.RequestAborted).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure serving {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, PathString path);
}
