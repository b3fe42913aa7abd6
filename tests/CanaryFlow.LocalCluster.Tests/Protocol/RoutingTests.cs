using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>The URL grammar: every registered built-in collection, subresources, scopes and the legacy watch path.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class RoutingTests(LocalClusterFixture cluster) : IAsyncLifetime
{
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await Namespaces.CreateAsync(cluster.Http, "route");

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/api/v1/namespaces", "NamespaceList", "v1")]
    [InlineData("/api/v1/namespaces/{ns}/configmaps", "ConfigMapList", "v1")]
    [InlineData("/api/v1/namespaces/{ns}/secrets", "SecretList", "v1")]
    [InlineData("/api/v1/namespaces/{ns}/services", "ServiceList", "v1")]
    [InlineData("/api/v1/namespaces/{ns}/pods", "PodList", "v1")]
    [InlineData("/api/v1/namespaces/{ns}/events", "EventList", "v1")]
    [InlineData("/api/v1/pods", "PodList", "v1")]
    [InlineData("/apis/apps/v1/namespaces/{ns}/deployments", "DeploymentList", "apps/v1")]
    [InlineData("/apis/apps/v1/namespaces/{ns}/replicasets", "ReplicaSetList", "apps/v1")]
    [InlineData("/apis/apps/v1/deployments", "DeploymentList", "apps/v1")]
    [InlineData("/apis/coordination.k8s.io/v1/namespaces/{ns}/leases", "LeaseList", "coordination.k8s.io/v1")]
    [InlineData("/apis/events.k8s.io/v1/namespaces/{ns}/events", "EventList", "events.k8s.io/v1")]
    [InlineData("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", "CustomResourceDefinitionList", "apiextensions.k8s.io/v1")]
    public async Task Every_registered_collection_lists_as_its_List_kind(string path, string listKind, string apiVersion)
    {
        var list = (await cluster.Http.GetRawAsync(path.Replace("{ns}", _ns, StringComparison.Ordinal))).Expect(200);

        Assert.Equal((listKind, apiVersion), (list["kind"]!.GetValue<string>(), list["apiVersion"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Deployments_serve_status_and_scale()
    {
        (await cluster.Http.PostAsync($"/apis/apps/v1/namespaces/{_ns}/deployments", """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"web:1"}]}}}}
            """)).Expect(201);
        var item = $"/apis/apps/v1/namespaces/{_ns}/deployments/web";

        var status = (await cluster.Http.GetRawAsync(item + "/status")).Expect(200);
        var scale = (await cluster.Http.PatchAsync(item + "/scale", """{"spec":{"replicas":3}}""", "application/merge-patch+json")).Expect(200);

        Assert.Equal("Deployment", status["kind"]!.GetValue<string>());
        Assert.Equal(("Scale", "autoscaling/v1", 3, "app=web"), (scale["kind"]!.GetValue<string>(), scale["apiVersion"]!.GetValue<string>(), scale["spec"]!["replicas"]!.GetValue<int>(), scale["status"]!["selector"]!.GetValue<string>()));
        Assert.Equal(3, (await cluster.Http.GetRawAsync(item)).Expect(200)["spec"]!["replicas"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/api/v1/namespaces/{ns}/namespaces")]
    [InlineData("/api/v1/namespaces/{ns}/namespaces/x")]
    [InlineData("/api/v1/configmaps/x")]
    [InlineData("/api/v1/namespaces/{ns}/configmaps/x/scale")]
    [InlineData("/apis/apps/v1/namespaces/{ns}/deployments/web/nonsense")]
    [InlineData("/apis/apps/v2")]
    public async Task Paths_that_address_nothing_are_the_plain_text_404(string path)
    {
        var response = await cluster.Http.GetRawAsync(path.Replace("{ns}", _ns, StringComparison.Ordinal));

        Assert.Equal((404, "404 page not found\n"), (response.Status, await response.Response.TextAsync()));
    }

    [Fact]
    public async Task The_legacy_watch_path_still_watches()
    {
        await using var watch = await WatchStream.OpenAsync(cluster.Http, $"/api/v1/watch/namespaces/{_ns}/configmaps?resourceVersion=0");

        var created = await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");

        var added = await watch.NextAsync();
        Assert.Equal(("ADDED", created.ResourceVersion()), (added["type"]!.GetValue<string>(), added["object"].ResourceVersion()));
    }
}
