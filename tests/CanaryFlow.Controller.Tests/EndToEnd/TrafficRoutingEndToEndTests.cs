using System.Globalization;
using System.Text.Json.Nodes;
using CanaryFlow.Controller.Rollouts;
using CanaryFlow.Controller.Routing.Nginx;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Controller.Tests.EndToEnd;

/// <summary>
/// The controller process routing canaries through the Gateway API (real HTTPRoute CRD) and NGINX Ingress on
/// LocalCluster, driven through real kubectl: weights in step order, abort, hand edits, missing objects, cleanup.
/// </summary>
[Collection(ControllerClusterCollection.Name)]
public sealed class TrafficRoutingEndToEndTests(ControllerClusterFixture cluster) : IAsyncLifetime
{
    private const string _steps = "[{setWeight: 20}, {pause: {}}, {setWeight: 50}, {pause: {duration: 2s}}, {setWeight: 100}]";
    private static readonly TimeSpan _long = EndToEndScope.Long;
    private readonly Kubectl _kubectl = cluster.Kubectl;
    private EndToEndScope _scope = null!;
    private KubernetesClient _client = null!;
    private string _ns = "";

    public async Task InitializeAsync()
    {
        _scope = await EndToEndScope.CreateAsync(_kubectl, "route");
        _ns = _scope.Namespace;
        _client = new KubernetesClient(KubeconfigLoader.Load(_kubectl.KubeconfigPath));
    }

    public async Task DisposeAsync()
    {
        await _scope.DisposeAsync();
        _client.Dispose();
    }

    [Fact]
    public async Task Gateway_API_weights_follow_the_steps_a_hand_edit_is_undone_and_the_route_keeps_every_other_field()
    {
        await _scope.ApplyAsync(RolloutManifests.HttpRoute(_ns));
        _scope.StartController();
        var first = await HealthyAsync("api:1", RolloutManifests.GatewayRouting);
        var before = await _scope.GetAsync("httproute", "api");
        await using var weights = new ChangeRecorder<HttpRoute>(RolloutClients.Create(_client).HttpRoutes, _ns, "api", Version(before), RouteWeights);

        await _scope.ApplyAsync(RolloutManifests.Rollout(_ns, "api:2", _steps, replicas: 5, trafficRouting: RolloutManifests.GatewayRouting));
        var paused = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Paused", "the canary to pause at 20%", _long);
        var canary = EndToEndScope.Status(paused, "currentPodHash");
        Assert.Equal("80/20", await RouteWeightsAsync());
        Assert.Equal("20/80", EndToEndScope.Status(paused, "canary.weights.canary") + "/" + EndToEndScope.Status(paused, "canary.weights.stable"));
        Assert.Equal(canary, await _scope.JsonPathAsync("{.spec.selector.rollouts-pod-template-hash}", "svc", "api-canary", "-n", _ns));

        // Someone moves the weights by hand: the next reconcile (the route's own watch event) puts them back.
        (await _kubectl.RunAsync("patch", "httproute", "api", "-n", _ns, "--type=json", "-p", """[{"op":"replace","path":"/spec/rules/0/backendRefs/0/weight","value":30},{"op":"replace","path":"/spec/rules/0/backendRefs/1/weight","value":70}]""")).ShouldSucceed();
        await Eventually.UntilAsync(RouteWeightsAsync, w => w == "80/20", "the hand edit to be undone", _long);

        await PromoteAsync();
        var done = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Healthy" && EndToEndScope.Status(r, "stableRS") == canary, "the canary to become the stable", _long);
        Assert.Equal("100/0", await RouteWeightsAsync());
        Assert.Equal("0/100", EndToEndScope.Status(done, "canary.weights.canary") + "/" + EndToEndScope.Status(done, "canary.weights.stable"));
        Assert.Equal(canary, await _scope.JsonPathAsync("{.spec.selector.rollouts-pod-template-hash}", "svc", "api-stable", "-n", _ns));
        Assert.NotEqual(first, canary);
        await Eventually.UntilAsync(() => Task.FromResult(weights.Changes), c => c.Count >= 6 && c[^1] == "100/0", "the watch to see the last write", _long);
        Assert.Equal(["80/20", "30/70", "80/20", "50/50", "0/100", "100/0"], weights.Changes);

        var after = await _scope.GetAsync("httproute", "api");
        Assert.Equal(WithoutWeights(before).ToJsonString(), WithoutWeights(after).ToJsonString());
        var reasons = await _scope.EventReasonsAsync();
        Assert.Equal(3, reasons.Count(r => r == "TrafficWeightUpdated"));
        Assert.Single(reasons, r => r == "TrafficWeightCorrected");
        Assert.DoesNotContain("TrafficRoutingNotReady", reasons);

        // Idle: a resync decides again and writes nothing to the route.
        var version = Version(after);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(version, Version(await _scope.GetAsync("httproute", "api")));
    }

    [Fact]
    public async Task Gateway_API_abort_puts_all_traffic_on_the_old_stable_before_the_canary_loses_a_pod()
    {
        await _scope.ApplyAsync(RolloutManifests.HttpRoute(_ns));
        _scope.StartController();
        var stable = await HealthyAsync("api:1", RolloutManifests.GatewayRouting, "[{setWeight: 50}, {pause: {}}]");
        await _scope.ApplyAsync(RolloutManifests.Rollout(_ns, "api:2", "[{setWeight: 50}, {pause: {}}]", replicas: 5, trafficRouting: RolloutManifests.GatewayRouting));
        var canary = EndToEndScope.Status(await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Paused", "the canary to pause", _long), "currentPodHash");
        Assert.Equal("50/50", await RouteWeightsAsync());

        (await _kubectl.RunAsync("patch", "rollout", "api", "-n", _ns, "--subresource=status", "--type=merge", "-p", """{"status":{"abort":true}}""")).ShouldSucceed();

        await Eventually.UntilAsync(RouteWeightsAsync, w => w == "100/0", "the weights to go back to the stable", TimeSpan.FromSeconds(10));
        Assert.Equal("3", await _scope.JsonPathAsync("{.spec.replicas}", "rs", "api-" + canary, "-n", _ns));
        var aborted = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Degraded", "the abort", _long);
        Assert.Equal(stable, await _scope.JsonPathAsync("{.spec.selector.rollouts-pod-template-hash}", "svc", "api-canary", "-n", _ns));
        Assert.Equal("0", EndToEndScope.Status(aborted, "canary.weights.canary"));
    }

    [Fact]
    public async Task A_Rollout_whose_HTTPRoute_does_not_exist_reports_it_and_starts_when_the_route_is_created()
    {
        _scope.StartController();
        await _scope.ApplyAsync(RolloutManifests.Rollout(_ns, "api:1", "[{setWeight: 50}]", trafficRouting: RolloutManifests.GatewayRouting));

        var waiting = await Eventually.UntilAsync(_scope.RolloutAsync, r => Condition(r, "TrafficRoutingReady")?["status"]?.GetValue<string>() == "False", "the missing route to be reported", _long);
        var condition = Condition(waiting, "TrafficRoutingReady")!;
        Assert.Equal("RouteNotFound", condition["reason"]!.GetValue<string>());
        Assert.Equal($"HTTPRoute {_ns}/api not found", condition["message"]!.GetValue<string>());
        Assert.Equal("False", Condition(waiting, "Ready")!["status"]!.GetValue<string>());
        Assert.Equal("", await _scope.JsonPathAsync("{.items[*].metadata.name}", "rs", "-n", _ns));
        Assert.Equal(["TrafficRoutingNotReady"], await _scope.EventReasonsAsync());

        await _scope.ApplyAsync(RolloutManifests.HttpRoute(_ns));
        var healthy = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Healthy", "the Rollout to start once the route exists", _long);
        Assert.Equal("True", Condition(healthy, "TrafficRoutingReady")!["status"]!.GetValue<string>());
        var reasons = await _scope.EventReasonsAsync();
        Assert.Equal(["TrafficRoutingNotReady", "TrafficRoutingReady"], reasons.Where(r => r.StartsWith("TrafficRouting", StringComparison.Ordinal)));
        Assert.Single(reasons, r => r == "TrafficRoutingNotReady");
    }

    [Fact]
    public async Task NGINX_canary_Ingress_follows_the_steps_and_the_stable_Ingress_is_made_again_when_deleted_and_removed_after_promotion()
    {
        await _scope.ApplyAsync(RolloutManifests.StableIngress(_ns));
        _scope.StartController();
        await HealthyAsync("api:1", RolloutManifests.NginxRouting);
        Assert.Contains("NotFound", (await _kubectl.RunAsync("get", "ingress", "api-canary", "-n", _ns)).Stderr, StringComparison.Ordinal);
        var stableIngress = await _scope.GetAsync("ingress", "api");
        await using var weights = new ChangeRecorder<Ingress>(RolloutClients.Create(_client).Ingresses, _ns, "api-canary", Version(stableIngress), CanaryWeight);

        await _scope.ApplyAsync(RolloutManifests.Rollout(_ns, "api:2", _steps, replicas: 5, trafficRouting: RolloutManifests.NginxRouting));
        var paused = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Paused", "the canary to pause at 20%", _long);
        var canary = EndToEndScope.Status(paused, "currentPodHash");
        var owner = (await _scope.GetAsync("ingress", "api-canary"))["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal(("Rollout", "api"), ((string?)owner["kind"], (string?)owner["name"]));

        // Hand edits: the weight annotation, then the whole canary Ingress; then the team changes the stable Ingress.
        (await _kubectl.RunAsync("annotate", "ingress", "api-canary", "-n", _ns, "--overwrite", CanaryIngress.WeightAnnotation + "=90")).ShouldSucceed();
        await Eventually.UntilAsync(() => Task.FromResult(weights.Changes), c => c.Count >= 3, "the hand edit to be undone", _long);
        (await _kubectl.RunAsync("delete", "ingress", "api-canary", "-n", _ns)).ShouldSucceed();
        await Eventually.UntilAsync(() => Task.FromResult(weights.Changes), c => c.Count >= 5, "the canary Ingress to be made again", _long);
        await _scope.ApplyAsync(RolloutManifests.StableIngress(_ns).Replace("path: /v1", "path: /v2", StringComparison.Ordinal));
        await Eventually.UntilAsync(() => _scope.JsonPathAsync("{.spec.rules[0].http.paths[0].path}", "ingress", "api-canary", "-n", _ns), p => p == "/v2", "the canary Ingress to follow the stable one", _long);

        await PromoteAsync();
        await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Healthy" && EndToEndScope.Status(r, "stableRS") == canary, "the canary to become the stable", _long);
        await Eventually.UntilAsync(() => Task.FromResult(weights.Changes), c => c.Count > 0 && c[^1] == "deleted" && c.Count >= 9, "the canary Ingress to be removed", _long);
        Assert.Equal(["20", "90", "20", "deleted", "20", "50", "100", "0", "deleted"], weights.Changes);
        Assert.Equal(canary, await _scope.JsonPathAsync("{.spec.selector.rollouts-pod-template-hash}", "svc", "api-stable", "-n", _ns));
        var reasons = await _scope.EventReasonsAsync();
        Assert.Equal(2, reasons.Count(r => r == "TrafficWeightCorrected"));
    }

    [Fact]
    public async Task NGINX_abort_removes_the_canary_Ingress_at_once()
    {
        await _scope.ApplyAsync(RolloutManifests.StableIngress(_ns));
        _scope.StartController();
        var stable = await HealthyAsync("api:1", RolloutManifests.NginxRouting, "[{setWeight: 40}, {pause: {}}]");
        await _scope.ApplyAsync(RolloutManifests.Rollout(_ns, "api:2", "[{setWeight: 40}, {pause: {}}]", replicas: 5, trafficRouting: RolloutManifests.NginxRouting));
        var canary = EndToEndScope.Status(await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Paused", "the canary to pause", _long), "currentPodHash");
        Assert.Equal("40", await _scope.JsonPathAsync("{.metadata.annotations.nginx\\.ingress\\.kubernetes\\.io/canary-weight}", "ingress", "api-canary", "-n", _ns));

        (await _kubectl.RunAsync("patch", "rollout", "api", "-n", _ns, "--subresource=status", "--type=merge", "-p", """{"status":{"abort":true}}""")).ShouldSucceed();

        await Eventually.UntilAsync(async () => (await _kubectl.RunAsync("get", "ingress", "api-canary", "-n", _ns)).Stderr, e => e.Contains("NotFound", StringComparison.Ordinal), "the canary Ingress to go", TimeSpan.FromSeconds(10));
        Assert.Equal("2", await _scope.JsonPathAsync("{.spec.replicas}", "rs", "api-" + canary, "-n", _ns));
        await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Degraded", "the abort", _long);
        Assert.Equal(stable, await _scope.JsonPathAsync("{.spec.selector.rollouts-pod-template-hash}", "svc", "api-canary", "-n", _ns));
        Assert.Equal("True", await _scope.JsonPathAsync("{.status.conditions[?(@.type==\"TrafficRoutingReady\")].status}", "rollout", "api", "-n", _ns));
    }

    /// <summary>Applies the first revision and waits for it to be Healthy; returns its hash.</summary>
    private async Task<string> HealthyAsync(string image, string routing, string steps = _steps)
    {
        await _scope.ApplyAsync(RolloutManifests.Rollout(_ns, image, steps, replicas: 5, trafficRouting: routing));
        var healthy = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Healthy", "the first revision", _long);
        return EndToEndScope.Status(healthy, "stableRS");
    }

    private async Task PromoteAsync() =>
        (await _kubectl.RunAsync("patch", "rollout", "api", "-n", _ns, "--subresource=status", "--type=merge", "-p", """{"status":{"pauseConditions":null}}""")).ShouldSucceed();

    private async Task<string> RouteWeightsAsync() =>
        await _scope.JsonPathAsync("{.spec.rules[0].backendRefs[0].weight}/{.spec.rules[0].backendRefs[1].weight}", "httproute", "api", "-n", _ns);

    private static string RouteWeights(HttpRoute route)
    {
        var refs = route.Spec!.Rules![0].BackendRefs!;
        return string.Create(CultureInfo.InvariantCulture, $"{refs[0].Weight}/{refs[1].Weight}");
    }

    private static string CanaryWeight(Ingress ingress) => ingress.Metadata.Annotations?.GetValueOrDefault(CanaryIngress.WeightAnnotation) ?? "";

    private static string Version(JsonNode obj) => obj["metadata"]!["resourceVersion"]!.GetValue<string>();

    private static JsonNode? Condition(JsonNode rollout, string type) =>
        rollout["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c!["type"]!.GetValue<string>() == type);

    /// <summary>The route without what a weight write changes by definition: the two weights, resourceVersion, generation and managedFields.</summary>
    private static JsonObject WithoutWeights(JsonNode route)
    {
        var copy = route.DeepClone().AsObject();
        var metadata = copy["metadata"]!.AsObject();
        metadata.Remove("resourceVersion");
        metadata.Remove("generation");
        metadata.Remove("managedFields");
        foreach (var backend in copy["spec"]!["rules"]![0]!["backendRefs"]!.AsArray().Take(2))
        {
            backend!.AsObject().Remove("weight");
        }

        return copy;
    }
}
