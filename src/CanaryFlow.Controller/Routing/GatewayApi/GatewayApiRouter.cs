using CanaryFlow.Controller.Caching;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Informers;
using CanaryFlow.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Routing.GatewayApi;

/// <summary>
/// Gateway API: the weights of the stable and canary Services' backendRefs in the HTTPRoute that
/// <c>trafficRouting.gatewayAPI</c> names. The route is the user's: the controller writes those weights with a JSON
/// patch and nothing else, so matches, filters, other backends, annotations and fields of newer API versions stay as
/// they are, byte for byte.
/// </summary>
public sealed partial class GatewayApiRouter : ITrafficRouter
{
    private readonly ResourceClient<HttpRoute> _routes;
    private readonly Informer<HttpRoute> _informer;
    private readonly RecentWrites<HttpRoute> _recent = new();
    private readonly string? _watchedNamespace;
    private readonly ILogger<GatewayApiRouter> _logger;

    /// <param name="watchedNamespace">The only namespace the informer sees (--namespace); null for all.</param>
    public GatewayApiRouter(ResourceClient<HttpRoute> routes, Informer<HttpRoute> informer, string? watchedNamespace, ILogger<GatewayApiRouter> logger)
    {
        _routes = routes;
        _informer = informer;
        _watchedNamespace = watchedNamespace;
        _logger = logger;
    }

    public ObservedTrafficRouter Observe(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var target = TargetOf(rollout);
        if (target is null)
        {
            // Validation reports the spec; this is never acted on.
            return Problem(TrafficRoutingReasons.RouteNotFound, "trafficRouting.gatewayAPI names no HTTPRoute or the Rollout names no Services");
        }

        var (ns, name, stable, canary) = target.Value;
        if (_watchedNamespace is { } watched && watched != ns)
        {
            return Problem(TrafficRoutingReasons.RouteNotFound, $"HTTPRoute {ns}/{name} is outside namespace {watched}, the only one this controller watches");
        }

        if (!_informer.HasSynced)
        {
            return Problem(TrafficRoutingReasons.RouterNotInstalled, "the API server does not serve HTTPRoutes (gateway.networking.k8s.io/v1): install the Gateway API CRDs");
        }

        if (_informer.Cache.Get(ns, name) is not { } cached)
        {
            return Problem(TrafficRoutingReasons.RouteNotFound, $"HTTPRoute {ns}/{name} not found");
        }

        var route = _recent.Newest(cached);
        var backends = HttpRouteBackends.Find(route, stable, canary, rollout.Metadata.Namespace ?? "");
        return backends.Problem is { } problem
            ? Problem(TrafficRoutingReasons.BackendNotFound, problem)
            : new ObservedTrafficRouter { CanaryWeight = backends.CanaryWeight(route) };
    }

    public async Task SetWeightAsync(Rollout rollout, int canaryWeight, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var (ns, name, stable, canary) = TargetOf(rollout) ?? throw new InvalidOperationException("the Rollout names no HTTPRoute");

        // Read fresh: the patch names backends by position, and the resourceVersion it carries guards those positions.
        var route = await _routes.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
        var backends = HttpRouteBackends.Find(route, stable, canary, rollout.Metadata.Namespace ?? "");
        if (backends.Problem is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var patch = backends.WeightPatch(route, canaryWeight);
        if (patch.Count > 1)
        {
            LogSetWeight(_logger, ns, name, canaryWeight, rollout.Metadata.Namespace, rollout.Metadata.Name);
            route = await _routes.PatchAsync(ns, name, Patch.Json(patch), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        _recent.Remember(route);
    }

    /// <summary>The route is the user's; the controller made nothing to remove.</summary>
    public Task RemoveManagedRoutesAsync(Rollout rollout, CancellationToken cancellationToken) => Task.CompletedTask;

    private static ObservedTrafficRouter Problem(string reason, string message) => new() { Problem = new TrafficRouterProblem(reason, message) };

    /// <summary>The route (its namespace defaults to the Rollout's) and the two Services of a Rollout; null when not all are named.</summary>
    private static (string Namespace, string Name, string Stable, string Canary)? TargetOf(Rollout rollout)
    {
        var canary = rollout.Spec?.Strategy?.Canary;
        var gateway = canary?.TrafficRouting?.GatewayApi;
        if (string.IsNullOrEmpty(gateway?.HttpRoute) || string.IsNullOrEmpty(canary!.StableService) || string.IsNullOrEmpty(canary.CanaryService))
        {
            return null;
        }

        var ns = string.IsNullOrEmpty(gateway.Namespace) ? rollout.Metadata.Namespace ?? "" : gateway.Namespace;
        return (ns, gateway.HttpRoute, canary.StableService, canary.CanaryService);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Setting HTTPRoute {Namespace}/{Route} to {CanaryWeight}% canary for Rollout {RolloutNamespace}/{Rollout}")]
    private static partial void LogSetWeight(ILogger logger, string @namespace, string route, int canaryWeight, string? rolloutNamespace, string? rollout);
}
