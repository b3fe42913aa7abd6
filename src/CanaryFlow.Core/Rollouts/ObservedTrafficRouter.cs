namespace CanaryFlow.Core.Rollouts;

/// <summary>
/// The traffic router as the controller read it back from its objects (the HTTPRoute, the NGINX canary Ingress). Core
/// compares it with the weight the step wants: a router that already has that weight is not written (an idle resync
/// writes nothing), one that differs (a hand edit, a deleted canary Ingress) is written back on the next reconcile, and a
/// step that changes the weight completes only once the router shows it (the weight is verified, not assumed).
/// </summary>
public sealed record ObservedTrafficRouter
{
    /// <summary>
    /// The canary's share in percent as the router has it now; null when its objects are not in the shape the controller
    /// writes (weights that do not add up to 100, a managed route that drifted from its source), which no weight equals.
    /// A router whose managed routes are absent sends nothing to the canary: 0.
    /// </summary>
    public int? CanaryWeight { get; init; }

    /// <summary>
    /// The router has the weight but its objects must be written again (the NGINX canary Ingress no longer matches the
    /// stable Ingress it copies): the next weight write brings them up to date.
    /// </summary>
    public bool Stale { get; init; }

    /// <summary>Routes the controller created for the canary exist (the NGINX canary Ingress); they go once no canary is in flight.</summary>
    public bool HasManagedRoutes { get; init; }

    /// <summary>Why the router cannot be driven now (a missing object, a route without the Services); null when it can.</summary>
    public TrafficRouterProblem? Problem { get; init; }
}

/// <summary>What stops the controller from driving the router: a stable reason (the condition's reason) and a message naming the object.</summary>
public sealed record TrafficRouterProblem(string Reason, string Message);
