using System.Text.Json.Nodes;
using CanaryFlow.Controller.Routing.GatewayApi;
using CanaryFlow.Controller.Tests.EndToEnd;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CanaryFlow.Controller.Tests.Routing;

/// <summary>The Gateway API router against LocalCluster with the real HTTPRoute CRD: what it reads, and that it writes only weights.</summary>
[Collection(ControllerClusterCollection.Name)]
public sealed class GatewayApiRouterTests(ControllerClusterFixture cluster) : IAsyncLifetime
{
    private RouterScope _scope = null!;
    private GatewayApiRouter _router = null!;
    private Kubernetes.Informers.Informer<HttpRoute> _informer = null!;

    public async Task InitializeAsync()
    {
        _scope = await RouterScope.CreateAsync(cluster.Kubectl, RolloutManifests.GatewayRouting);
        _informer = await _scope.InformerAsync(_scope.Clients.HttpRoutes);
        _router = new GatewayApiRouter(_scope.Clients.HttpRoutes, _informer, _scope.Namespace, NullLogger<GatewayApiRouter>.Instance);
    }

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    [Fact]
    public async Task Setting_a_weight_changes_the_two_weights_and_leaves_every_other_byte_of_the_route()
    {
        await _scope.ApplyAsync(RolloutManifests.HttpRoute(_scope.Namespace));
        var rollout = await _scope.RolloutAsync();
        var before = await RouteJsonAsync();
        await ObservedWeightAsync(rollout, 0);

        await _router.SetWeightAsync(rollout, 20, CancellationToken.None);

        var after = await RouteJsonAsync();
        Assert.Equal("api-stable:80 api-canary:20 api-mirror:3 ", await _scope.KubectlAsync("get", "httproute", "api", "-o", "jsonpath={range .spec.rules[0].backendRefs[*]}{.name}:{.weight} {end}"));
        Assert.Equal(WithoutWeights(before).ToJsonString(), WithoutWeights(after).ToJsonString());
        await ObservedWeightAsync(rollout, 20);
    }

    [Fact]
    public async Task A_route_already_at_the_weight_is_not_written()
    {
        await _scope.ApplyAsync(RolloutManifests.HttpRoute(_scope.Namespace));
        var rollout = await _scope.RolloutAsync();
        await _router.SetWeightAsync(rollout, 50, CancellationToken.None);
        var version = await _scope.KubectlAsync("get", "httproute", "api", "-o", "jsonpath={.metadata.resourceVersion}");

        await _router.SetWeightAsync(rollout, 50, CancellationToken.None);

        Assert.Equal(version, await _scope.KubectlAsync("get", "httproute", "api", "-o", "jsonpath={.metadata.resourceVersion}"));
    }

    [Fact]
    public async Task Weights_edited_by_hand_are_read_as_they_are_and_unweighted_backends_as_not_the_controllers()
    {
        await _scope.ApplyAsync(RolloutManifests.HttpRoute(_scope.Namespace));
        var rollout = await _scope.RolloutAsync();

        await _scope.KubectlAsync("patch", "httproute", "api", "--type=json", "-p", """[{"op":"replace","path":"/spec/rules/0/backendRefs/0/weight","value":30},{"op":"replace","path":"/spec/rules/0/backendRefs/1/weight","value":70}]""");
        await ObservedWeightAsync(rollout, 70);

        await _scope.KubectlAsync("patch", "httproute", "api", "--type=json", "-p", """[{"op":"remove","path":"/spec/rules/0/backendRefs/0/weight"},{"op":"remove","path":"/spec/rules/0/backendRefs/1/weight"}]""");
        await ObservedWeightAsync(rollout, null);

        await _router.SetWeightAsync(rollout, 0, CancellationToken.None);
        Assert.Equal("100 0", await _scope.KubectlAsync("get", "httproute", "api", "-o", "jsonpath={.spec.rules[0].backendRefs[0].weight} {.spec.rules[0].backendRefs[1].weight}"));
    }

    [Fact]
    public async Task A_weight_patch_made_from_an_older_copy_of_the_route_is_refused_with_a_conflict()
    {
        await _scope.ApplyAsync(RolloutManifests.HttpRoute(_scope.Namespace));
        var rollout = await _scope.RolloutAsync();
        var old = await _scope.Clients.HttpRoutes.GetAsync(_scope.Namespace, "api");

        // Someone puts a new backend first: the positions in a patch made from the old copy now name other backends.
        await _scope.KubectlAsync("patch", "httproute", "api", "--type=json", "-p", """[{"op":"add","path":"/spec/rules/0/backendRefs/0","value":{"name":"api-shadow","port":80,"weight":1}}]""");
        var patch = HttpRouteBackends.Find(old, "api-stable", "api-canary", _scope.Namespace).WeightPatch(old, 40);

        var refused = await Assert.ThrowsAsync<KubernetesApiException>(() => _scope.Clients.HttpRoutes.PatchAsync(_scope.Namespace, "api", Patch.Json(patch)));
        Assert.True(refused.IsConflict);
        Assert.Equal("api-shadow:1 api-stable:100 api-canary:0 api-mirror:3 ", await _scope.KubectlAsync("get", "httproute", "api", "-o", "jsonpath={range .spec.rules[0].backendRefs[*]}{.name}:{.weight} {end}"));

        // The router reads fresh and finds the backends where they are now.
        await _router.SetWeightAsync(rollout, 40, CancellationToken.None);
        Assert.Equal("api-shadow:1 api-stable:60 api-canary:40 api-mirror:3 ", await _scope.KubectlAsync("get", "httproute", "api", "-o", "jsonpath={range .spec.rules[0].backendRefs[*]}{.name}:{.weight} {end}"));
    }

    [Fact]
    public async Task A_missing_route_and_a_rule_without_the_canary_are_problems_that_name_them()
    {
        var rollout = await _scope.RolloutAsync();
        Assert.Equal(new TrafficRouterProblem(TrafficRoutingReasons.RouteNotFound, $"HTTPRoute {_scope.Namespace}/api not found"), _router.Observe(rollout).Problem);

        await _scope.ApplyAsync(RolloutManifests.HttpRoute(_scope.Namespace).Replace("name: api-canary,", "name: api-preview,", StringComparison.Ordinal));
        var problem = await Eventually.UntilAsync(() => Task.FromResult(_router.Observe(rollout).Problem), p => p?.Reason != TrafficRoutingReasons.RouteNotFound, "the route to be seen");

        Assert.Equal(new TrafficRouterProblem(TrafficRoutingReasons.BackendNotFound, $"rule 0 of HTTPRoute {_scope.Namespace}/api has a backendRef to Service api-stable but none to Service api-canary"), problem);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _router.SetWeightAsync(rollout, 10, CancellationToken.None));
    }

    private async Task ObservedWeightAsync(Core.Api.Rollout rollout, int? weight) =>
        await Eventually.UntilAsync(() => Task.FromResult(_router.Observe(rollout)), o => o.Problem is null && o.CanaryWeight == weight, $"the router to read weight {weight?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}");

    private async Task<JsonObject> RouteJsonAsync() => JsonNode.Parse(await _scope.KubectlAsync("get", "httproute", "api", "-o", "json"))!.AsObject();

    /// <summary>The route without what a write changes by definition: the two weights, resourceVersion, generation and managedFields.</summary>
    private static JsonObject WithoutWeights(JsonObject route)
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
