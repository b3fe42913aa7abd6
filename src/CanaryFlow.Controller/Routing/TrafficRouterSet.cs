using CanaryFlow.Core.Api;

namespace CanaryFlow.Controller.Routing;

/// <summary>The routers this controller runs; each Rollout gets the one its spec.strategy.canary.trafficRouting names.</summary>
public sealed class TrafficRouterSet(ITrafficRouter? gatewayApi = null, ITrafficRouter? nginx = null)
{
    /// <summary>The Rollout's router; null without trafficRouting (the replica ratio is the weight, nothing to drive).</summary>
    public ITrafficRouter? For(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return rollout.Spec?.Strategy?.Canary?.TrafficRouting switch
        {
            { GatewayApi: not null } => gatewayApi ?? throw new InvalidOperationException("this controller runs no Gateway API router"),
            { Nginx: not null } => nginx ?? throw new InvalidOperationException("this controller runs no NGINX router"),
            _ => null,
        };
    }
}
