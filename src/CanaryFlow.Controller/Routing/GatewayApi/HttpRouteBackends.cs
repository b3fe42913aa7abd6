using System.Globalization;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Controller.Routing.GatewayApi;

/// <summary>The positions of the stable and canary Services' backendRefs in one rule of an HTTPRoute.</summary>
public sealed record RuleBackends(int Rule, IReadOnlyList<int> Stable, IReadOnlyList<int> Canary);

/// <summary>
/// Where an HTTPRoute sends to a Rollout's stable and canary Services: every rule with a backendRef to either must have
/// one to both (a rule with only one of them cannot be weighted). Other rules and other backends of these rules are not
/// the controller's: their weights, like every field but these weights, stay as they are.
/// </summary>
public sealed record HttpRouteBackends(IReadOnlyList<RuleBackends> Rules, string? Problem)
{
    /// <summary>Finds the backendRefs of Services <paramref name="stable"/> and <paramref name="canary"/> of namespace <paramref name="serviceNamespace"/>.</summary>
    public static HttpRouteBackends Find(HttpRoute route, string stable, string canary, string serviceNamespace)
    {
        ArgumentNullException.ThrowIfNull(route);
        var routeNamespace = route.Metadata.Namespace ?? "";
        var name = $"HTTPRoute {routeNamespace}/{route.Metadata.Name}";
        var rules = new List<RuleBackends>();
        var all = route.Spec?.Rules ?? [];
        for (var i = 0; i < all.Count; i++)
        {
            var refs = all[i].BackendRefs ?? [];
            var stableRefs = Indexes(refs, r => Refers(r, stable, serviceNamespace, routeNamespace));
            var canaryRefs = Indexes(refs, r => Refers(r, canary, serviceNamespace, routeNamespace));
            if (stableRefs.Count == 0 && canaryRefs.Count == 0)
            {
                continue;
            }

            if (stableRefs.Count == 0 || canaryRefs.Count == 0)
            {
                var (has, lacks) = stableRefs.Count == 0 ? (canary, stable) : (stable, canary);
                return new([], $"rule {i.ToString(CultureInfo.InvariantCulture)} of {name} has a backendRef to Service {has} but none to Service {lacks}");
            }

            rules.Add(new RuleBackends(i, stableRefs, canaryRefs));
        }

        return rules.Count == 0
            ? new([], $"{name} has no backendRef to Service {stable}")
            : new(rules, null);
    }

    /// <summary>
    /// The canary's percentage when every rule gives the canary N and the stable 100 - N (the shape the controller writes);
    /// null otherwise, so that any weight differs from it and the route is written.
    /// </summary>
    public int? CanaryWeight(HttpRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        int? weight = null;
        foreach (var rule in Rules)
        {
            var refs = route.Spec!.Rules![rule.Rule].BackendRefs!;
            foreach (var index in rule.Canary)
            {
                if (refs[index].Weight is not { } canary || canary is < 0 or > 100 || (weight is { } seen && seen != canary))
                {
                    return null;
                }

                weight = canary;
            }

            if (rule.Stable.Any(index => refs[index].Weight != 100 - weight))
            {
                return null;
            }
        }

        return weight;
    }

    /// <summary>
    /// The RFC 6902 patch that gives the canary <paramref name="canaryWeight"/> and the stable the rest in every rule, and
    /// touches nothing else. It carries the route's resourceVersion, so the API server refuses it (409) when the route
    /// changed since it was read: the positions it names would no longer be these backends.
    /// </summary>
    public JsonArray WeightPatch(HttpRoute route, int canaryWeight)
    {
        ArgumentNullException.ThrowIfNull(route);
        var operations = new JsonArray
        {
            new JsonObject { ["op"] = "replace", ["path"] = "/metadata/resourceVersion", ["value"] = route.Metadata.ResourceVersion },
        };
        foreach (var rule in Rules)
        {
            var refs = route.Spec!.Rules![rule.Rule].BackendRefs!;
            Add(rule, rule.Canary, canaryWeight);
            Add(rule, rule.Stable, 100 - canaryWeight);

            void Add(RuleBackends rule, IReadOnlyList<int> indexes, int weight)
            {
                foreach (var index in indexes.Where(i => refs[i].Weight != weight))
                {
                    // add creates the member or replaces it: a backendRef without weight gets one.
                    var path = string.Create(CultureInfo.InvariantCulture, $"/spec/rules/{rule.Rule}/backendRefs/{index}/weight");
                    operations.Add(new JsonObject { ["op"] = "add", ["path"] = path, ["value"] = weight });
                }
            }
        }

        return operations;
    }

    /// <summary>A backendRef to the core Service <paramref name="service"/> (group and kind default to it; namespace to the route's).</summary>
    private static bool Refers(HttpBackendRef backend, string service, string serviceNamespace, string routeNamespace) =>
        string.IsNullOrEmpty(backend.Group)
        && (backend.Kind is null || backend.Kind == "Service")
        && backend.Name == service
        && (string.IsNullOrEmpty(backend.Namespace) ? routeNamespace : backend.Namespace) == serviceNamespace;

    private static List<int> Indexes(IReadOnlyList<HttpBackendRef> refs, Func<HttpBackendRef, bool> match) =>
        [.. Enumerable.Range(0, refs.Count).Where(i => match(refs[i]))];
}
