using CanaryFlow.Core.Api;

namespace CanaryFlow.Controller.Routing;

/// <summary>
/// Shifts traffic between the stable and canary Services of a Rollout. Without a router the replica ratio is the
/// weight and there is nothing to do; Gateway API and NGINX routers set the weight at the router.
/// </summary>
public interface ITrafficRouter
{
    /// <summary>Sends <paramref name="canaryWeight"/> percent of the traffic to the canary Service.</summary>
    Task SetWeightAsync(Rollout rollout, int canaryWeight, CancellationToken cancellationToken);
}

/// <summary>The replica ratio is the traffic split: the Services' selectors do all the routing.</summary>
public sealed class ReplicaRatioRouter : ITrafficRouter
{
    public Task SetWeightAsync(Rollout rollout, int canaryWeight, CancellationToken cancellationToken) => Task.CompletedTask;
}
