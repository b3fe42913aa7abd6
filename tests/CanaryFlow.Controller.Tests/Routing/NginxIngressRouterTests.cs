using System.Text.Json.Nodes;
using CanaryFlow.Controller.Routing.Nginx;
using CanaryFlow.Controller.Tests.EndToEnd;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CanaryFlow.Controller.Tests.Routing;

/// <summary>The NGINX router against LocalCluster: the canary Ingress it makes, follows, corrects and removes.</summary>
[Collection(ControllerClusterCollection.Name)]
public sealed class NginxIngressRouterTests(ControllerClusterFixture cluster) : IAsyncLifetime
{
    private RouterScope _scope = null!;
    private NginxIngressRouter _router = null!;

    public async Task InitializeAsync()
    {
        _scope = await RouterScope.CreateAsync(cluster.Kubectl, RolloutManifests.NginxRouting);
        await _scope.ApplyAsync(RolloutManifests.StableIngress(_scope.Namespace));
        var informer = await _scope.InformerAsync(_scope.Clients.Ingresses);
        _router = new NginxIngressRouter(_scope.Clients.Ingresses, informer.Cache, NullLogger<NginxIngressRouter>.Instance);

        // As in the controller: the router hears deletions, so its own last write does not hide one.
        informer.AddHandler(_router);
        await Eventually.UntilAsync(() => Task.FromResult(informer.Cache.Get(_scope.Namespace, "api")), i => i is not null, "the stable Ingress to be seen");
    }

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    [Fact]
    public async Task The_canary_Ingress_is_the_stable_one_pointed_at_the_canary_with_the_weight_and_owned_by_the_Rollout()
    {
        var rollout = await _scope.RolloutAsync();
        Assert.Equal(new ObservedTrafficRouter { CanaryWeight = 0 }, _router.Observe(rollout));

        await _router.SetWeightAsync(rollout, 20, CancellationToken.None);

        var canary = JsonNode.Parse(await _scope.KubectlAsync("get", "ingress", "api-canary", "-o", "json"))!;
        Assert.Equal("""{"nginx.ingress.kubernetes.io/canary":"true","nginx.ingress.kubernetes.io/canary-weight":"20"}""", canary["metadata"]!["annotations"]!.ToJsonString());
        var owner = canary["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal(("Rollout", "api", rollout.Metadata.Uid, true), ((string?)owner["kind"], (string?)owner["name"], (string?)owner["uid"], (bool?)owner["controller"]));
        var expected = JsonNode.Parse("""{"ingressClassName":"nginx","tls":[{"hosts":["api.example.com"],"secretName":"api-tls"}],"rules":[{"host":"api.example.com","http":{"paths":[{"path":"/v1","pathType":"Prefix","backend":{"service":{"name":"api-canary","port":{"number":80}}}}]}}]}""");
        Assert.True(JsonNode.DeepEquals(expected, canary["spec"]), canary["spec"]!.ToJsonString());
        await ObservedAsync(rollout, 20);
    }

    [Fact]
    public async Task A_change_of_the_stable_Ingress_makes_the_canary_stale_until_it_is_written_again()
    {
        var rollout = await _scope.RolloutAsync();
        await _router.SetWeightAsync(rollout, 20, CancellationToken.None);
        await ObservedAsync(rollout, 20);

        await _scope.ApplyAsync(RolloutManifests.StableIngress(_scope.Namespace).Replace("path: /v1", "path: /v2", StringComparison.Ordinal));
        await ObservedAsync(rollout, 20, stale: true);

        await _router.SetWeightAsync(rollout, 20, CancellationToken.None);
        Assert.Equal("/v2 api-canary", await _scope.KubectlAsync("get", "ingress", "api-canary", "-o", "jsonpath={.spec.rules[0].http.paths[0].path} {.spec.rules[0].http.paths[0].backend.service.name}"));
        await ObservedAsync(rollout, 20);
    }

    [Fact]
    public async Task A_hand_edited_weight_is_read_and_written_back_keeping_annotations_others_added()
    {
        var rollout = await _scope.RolloutAsync();
        await _router.SetWeightAsync(rollout, 20, CancellationToken.None);
        await _scope.KubectlAsync("annotate", "ingress", "api-canary", "--overwrite", "nginx.ingress.kubernetes.io/canary-weight=90", "example.com/audit=kept");
        await ObservedAsync(rollout, 90);

        await _router.SetWeightAsync(rollout, 20, CancellationToken.None);

        Assert.Equal("20 kept", await _scope.KubectlAsync("get", "ingress", "api-canary", "-o", "jsonpath={.metadata.annotations.nginx\\.ingress\\.kubernetes\\.io/canary-weight} {.metadata.annotations.example\\.com/audit}"));
    }

    [Fact]
    public async Task Removing_the_managed_routes_deletes_the_canary_Ingress_and_an_Ingress_of_someone_else_is_never_touched()
    {
        var rollout = await _scope.RolloutAsync();
        await _router.SetWeightAsync(rollout, 20, CancellationToken.None);
        await ObservedAsync(rollout, 20);

        await _router.RemoveManagedRoutesAsync(rollout, CancellationToken.None);
        Assert.Contains("NotFound", (await _scope.Kubectl.RunAsync("get", "ingress", "api-canary", "-n", _scope.Namespace)).Stderr, StringComparison.Ordinal);
        await ObservedAsync(rollout, 0, managed: false);

        await _scope.ApplyAsync(RolloutManifests.StableIngress(_scope.Namespace).Replace("name: api\n", "name: api-canary\n", StringComparison.Ordinal));
        var conflict = await Eventually.UntilAsync(() => Task.FromResult(_router.Observe(rollout).Problem), p => p is not null, "the foreign Ingress to be seen");
        Assert.Equal(TrafficRoutingReasons.RouteConflict, conflict!.Reason);
        await _router.RemoveManagedRoutesAsync(rollout, CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _router.SetWeightAsync(rollout, 20, CancellationToken.None));
        Assert.Equal("api-stable", await _scope.KubectlAsync("get", "ingress", "api-canary", "-o", "jsonpath={.spec.rules[0].http.paths[0].backend.service.name}"));
    }

    [Fact]
    public async Task A_missing_stable_Ingress_or_one_without_the_stable_Service_is_a_problem_that_names_it()
    {
        var rollout = await _scope.RolloutAsync();
        await _scope.ApplyAsync(RolloutManifests.StableIngress(_scope.Namespace).Replace("name: api-stable", "name: api-old", StringComparison.Ordinal));
        var problem = await Eventually.UntilAsync(() => Task.FromResult(_router.Observe(rollout).Problem), p => p is not null, "the changed Ingress to be seen");
        Assert.Equal(new TrafficRouterProblem(TrafficRoutingReasons.BackendNotFound, $"Ingress {_scope.Namespace}/api has no backend for Service api-stable"), problem);

        await _scope.KubectlAsync("delete", "ingress", "api");
        problem = await Eventually.UntilAsync(() => Task.FromResult(_router.Observe(rollout).Problem), p => p?.Reason == TrafficRoutingReasons.RouteNotFound, "the deletion to be seen");
        Assert.Equal($"Ingress {_scope.Namespace}/api not found", problem!.Message);
    }

    private async Task ObservedAsync(Core.Api.Rollout rollout, int? weight, bool managed = true, bool stale = false) =>
        await Eventually.UntilAsync(
            () => Task.FromResult(_router.Observe(rollout)),
            o => o == new ObservedTrafficRouter { CanaryWeight = weight, HasManagedRoutes = managed, Stale = stale },
            $"the router to read weight {weight?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}");
}
