using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;

namespace CanaryFlow.Controller.Routing;

/// <summary>
/// Shifts traffic between the stable and canary Services of a Rollout at a router (Gateway API, NGINX Ingress). Core
/// decides what the router should do from what <see cref="Observe"/> reports; the router carries it out. Without a
/// router the replica ratio is the weight and the Services' selectors do the routing.
/// </summary>
public interface ITrafficRouter
{
    /// <summary>
    /// The router's state for the Rollout, read from the informer caches (no API calls): the weight it has, the routes
    /// the controller made, or what stops the controller from driving it. Never throws for a spec that does not validate.
    /// </summary>
    ObservedTrafficRouter Observe(Rollout rollout);

    /// <summary>Sends <paramref name="canaryWeight"/> percent of the traffic to the canary Service and the rest to the stable one.</summary>
    Task SetWeightAsync(Rollout rollout, int canaryWeight, CancellationToken cancellationToken);

    /// <summary>Deletes the routes the controller made for the canary, if any (what is already gone is done).</summary>
    Task RemoveManagedRoutesAsync(Rollout rollout, CancellationToken cancellationToken);
}
