namespace CanaryFlow.Core.Rollouts;

/// <summary>
/// Reasons of condition <c>TrafficRoutingReady</c>. Stable names: alerts key on them, and crds/rollout.yaml lists them.
/// </summary>
public static class TrafficRoutingReasons
{
    /// <summary>The router's objects exist and name both Services: the controller drives the weight.</summary>
    public const string Ready = "TrafficRouterReady";

    /// <summary>The HTTPRoute or the stable Ingress the Rollout names does not exist (or is outside the watched namespace).</summary>
    public const string RouteNotFound = "RouteNotFound";

    /// <summary>The route exists but sends nothing to the stable Service, or a rule of it lacks the canary Service.</summary>
    public const string BackendNotFound = "BackendNotFound";

    /// <summary>The stable or the canary Service does not exist.</summary>
    public const string ServiceNotFound = "ServiceNotFound";

    /// <summary>An object with the managed route's name exists and another owner controls it: the controller leaves it alone.</summary>
    public const string RouteConflict = "RouteConflict";

    /// <summary>The API server does not serve the router's kind (the Gateway API CRDs are not installed).</summary>
    public const string RouterNotInstalled = "RouterNotInstalled";
}
