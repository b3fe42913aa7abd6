using System.Text.Json.Nodes;
using CanaryFlow.Controller.Caching;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Informers;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Routing.Nginx;

/// <summary>
/// NGINX Ingress: the stable Ingress that <c>trafficRouting.nginx.stableIngress</c> names is the user's and never written;
/// the controller makes, updates and deletes the canary Ingress beside it (<see cref="CanaryIngress"/>). As an informer
/// handler it forgets its own writes of a canary Ingress someone deleted, so the deletion is seen and the Ingress made again.
/// </summary>
public sealed partial class NginxIngressRouter : ITrafficRouter, IInformerHandler<Ingress>
{
    private readonly ResourceClient<Ingress> _ingresses;
    private readonly ObjectCache<Ingress> _cache;
    private readonly RecentWrites<Ingress> _recent = new();
    private readonly ILogger<NginxIngressRouter> _logger;

    public NginxIngressRouter(ResourceClient<Ingress> ingresses, ObjectCache<Ingress> cache, ILogger<NginxIngressRouter> logger)
    {
        _ingresses = ingresses;
        _cache = cache;
        _logger = logger;
    }

    public ObservedTrafficRouter Observe(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var ns = rollout.Metadata.Namespace ?? "";
        var canary = rollout.Spec?.Strategy?.Canary;
        var stableName = canary?.TrafficRouting?.Nginx?.StableIngress;
        if (string.IsNullOrEmpty(stableName) || string.IsNullOrEmpty(canary!.StableService) || string.IsNullOrEmpty(canary.CanaryService))
        {
            // Validation reports the spec; this is never acted on.
            return Problem(TrafficRoutingReasons.RouteNotFound, "trafficRouting.nginx names no stable Ingress or the Rollout names no Services");
        }

        if (_cache.Get(ns, stableName) is not { } stable)
        {
            return Problem(TrafficRoutingReasons.RouteNotFound, $"Ingress {ns}/{stableName} not found");
        }

        if (!CanaryIngress.SendsTo(stable, canary.StableService))
        {
            return Problem(TrafficRoutingReasons.BackendNotFound, $"Ingress {ns}/{stableName} has no backend for Service {canary.StableService}");
        }

        var canaryName = CanaryIngress.NameFor(stableName);
        var existing = _cache.Get(ns, canaryName) is { } cached ? _recent.Newest(cached) : _recent.Find(ns, canaryName);
        if (existing is null)
        {
            return new ObservedTrafficRouter { CanaryWeight = 0 };
        }

        if (!CanaryIngress.IsControlledBy(existing, rollout))
        {
            return Problem(TrafficRoutingReasons.RouteConflict, $"Ingress {ns}/{canaryName} exists and is not controlled by Rollout {rollout.Metadata.Name}; rename or delete it");
        }

        return new ObservedTrafficRouter
        {
            CanaryWeight = CanaryIngress.Weight(existing, stable),
            Stale = !CanaryIngress.IsCurrent(existing, stable, rollout),
            HasManagedRoutes = true,
        };
    }

    public async Task SetWeightAsync(Rollout rollout, int canaryWeight, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var ns = rollout.Metadata.Namespace ?? "";
        var stableName = rollout.Spec?.Strategy?.Canary?.TrafficRouting?.Nginx?.StableIngress ?? throw new InvalidOperationException("the Rollout names no stable Ingress");
        var canaryName = CanaryIngress.NameFor(stableName);

        // Both read fresh: the copy follows the stable Ingress as it is now, and the update is guarded by what it replaces.
        var stable = await _ingresses.GetAsync(ns, stableName, cancellationToken).ConfigureAwait(false);
        var existing = await _ingresses.TryGetAsync(ns, canaryName, cancellationToken).ConfigureAwait(false);
        Ingress written;
        if (existing is null)
        {
            LogCreate(_logger, ns, canaryName, canaryWeight);
            written = await _ingresses.CreateAsync(KubernetesSerializer.Deserialize<Ingress>(CanaryIngress.Build(stable, rollout, canaryWeight)), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else if (!CanaryIngress.IsControlledBy(existing, rollout))
        {
            throw new InvalidOperationException($"Ingress {ns}/{canaryName} exists and is not controlled by Rollout {rollout.Metadata.Name}");
        }
        else
        {
            var before = KubernetesSerializer.SerializeToNode(existing).AsObject();
            var patch = MergePatchBuilder.Create(before, CanaryIngress.Update(before, stable, rollout, canaryWeight));
            if (patch is null)
            {
                written = existing;
            }
            else
            {
                LogUpdate(_logger, ns, canaryName, canaryWeight);
                if (patch["metadata"] is not JsonObject metadata)
                {
                    metadata = [];
                    patch["metadata"] = metadata;
                }

                metadata["resourceVersion"] = existing.Metadata.ResourceVersion;
                written = await _ingresses.PatchAsync(ns, canaryName, Patch.Merge(patch), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        _recent.Remember(written);
    }

    public async Task RemoveManagedRoutesAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var ns = rollout.Metadata.Namespace ?? "";
        var stableName = rollout.Spec?.Strategy?.Canary?.TrafficRouting?.Nginx?.StableIngress;
        if (string.IsNullOrEmpty(stableName))
        {
            return;
        }

        var canaryName = CanaryIngress.NameFor(stableName);
        var existing = await _ingresses.TryGetAsync(ns, canaryName, cancellationToken).ConfigureAwait(false);
        if (existing is not null && CanaryIngress.IsControlledBy(existing, rollout))
        {
            LogDelete(_logger, ns, canaryName);
            try
            {
                // The uid guards against deleting a successor made under the same name meanwhile.
                await _ingresses.DeleteAsync(ns, canaryName, new DeleteOptions { Preconditions = new Preconditions { Uid = existing.Metadata.Uid } }, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsNotFound)
            {
            }
        }

        _recent.Forget(ns, canaryName);
    }

    public void OnAdded(Ingress obj)
    {
    }

    public void OnUpdated(Ingress oldObj, Ingress newObj)
    {
    }

    public void OnDeleted(Ingress obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        _recent.Forget(obj.Metadata.Namespace ?? "", obj.Metadata.Name ?? "");
    }

    private static ObservedTrafficRouter Problem(string reason, string message) => new() { Problem = new TrafficRouterProblem(reason, message) };

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating canary Ingress {Namespace}/{Name} at {CanaryWeight}%")]
    private static partial void LogCreate(ILogger logger, string @namespace, string name, int canaryWeight);

    [LoggerMessage(Level = LogLevel.Information, Message = "Setting canary Ingress {Namespace}/{Name} to {CanaryWeight}%")]
    private static partial void LogUpdate(ILogger logger, string @namespace, string name, int canaryWeight);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleting canary Ingress {Namespace}/{Name}")]
    private static partial void LogDelete(ILogger logger, string @namespace, string name);
}
