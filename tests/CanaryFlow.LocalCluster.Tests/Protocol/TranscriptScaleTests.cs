using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Replays of the transcript's scale subresource exchanges on a CRD that declares one.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class TranscriptScaleTests(LocalClusterFixture cluster) : IAsyncLifetime
{
    private const string _group = "bars.example.com";
    private string _ns = "";

    private string Scalers => $"/apis/{_group}/v1/namespaces/{_ns}/scalers";

    public async Task InitializeAsync()
    {
        await CustomResourceDefinitions.EnsureAsync(cluster.Http, CustomResourceDefinitions.Scaler(_group));
        _ns = await Namespaces.CreateAsync(cluster.Http, "tx");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task CreateScaledS1Async()
    {
        var created = await cluster.Http.PostAsync(Scalers, """{"apiVersion": "bars.example.com/v1", "kind": "Scaler", "metadata": {"name": "s1"}, "spec": {"replicas": 3}}""");
        created.Expect(201);
        TranscriptAssert.Equal("""
            {"apiVersion": "bars.example.com/v1", "kind": "Scaler", "metadata": {"creationTimestamp": "2026-11-22T08:22:03Z", "generation": 1, "name": "s1", "namespace": "tx", "resourceVersion": "492", "uid": "5ea12081-9a65-4716-81b0-307b9921d874"}, "spec": {"replicas": 3}}
            """, created.Body, _ns);
        var status = await cluster.Http.PatchAsync(Scalers + "/s1/status", """{"status": {"replicas": 3, "selector": "app=s1"}}""", "application/merge-patch+json");
        status.Expect(200);
        Assert.Equal("""{"replicas":3,"selector":"app=s1"}""", status.Body!["status"]!.Compact());
        Assert.Equal(1, status.Body!["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Discovery_lists_the_scale_subresource_as_autoscaling_v1_Scale()
    {
        var discovery = await cluster.Http.GetRawAsync($"/apis/{_group}/v1");

        var scale = discovery.Body!["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "scalers/scale");
        Assert.Equal(
            """{"name":"scalers/scale","singularName":"","namespaced":true,"group":"autoscaling","version":"v1","kind":"Scale","verbs":["get","patch","update"]}""",
            scale!.Compact());
    }

    [Fact]
    public async Task Get_scale_returns_an_autoscaling_v1_Scale()
    {
        await CreateScaledS1Async();

        var scale = await cluster.Http.GetRawAsync(Scalers + "/s1/scale");

        scale.Expect(200);
        TranscriptAssert.Equal("""
            {"kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": {"name": "s1", "namespace": "tx", "uid": "5ea12081-9a65-4716-81b0-307b9921d874", "resourceVersion": "493", "creationTimestamp": "2026-11-22T08:22:03Z"}, "spec": {"replicas": 3}, "status": {"replicas": 3, "selector": "app=s1"}}
            """, scale.Body, _ns);
        var stored = await cluster.Http.GetRawAsync(Scalers + "/s1");
        Assert.Equal(stored.Body!["metadata"]!["uid"]!.GetValue<string>(), scale.Body!["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal(stored.Body.ResourceVersion(), scale.Body.ResourceVersion());
    }

    [Fact]
    public async Task Patch_scale_writes_spec_replicas_only()
    {
        await CreateScaledS1Async();

        var scale = await cluster.Http.PatchAsync(Scalers + "/s1/scale", """{"spec": {"replicas": 5}}""", "application/merge-patch+json");

        scale.Expect(200);
        TranscriptAssert.Equal("""
            {"kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": {"name": "s1", "namespace": "tx", "uid": "5ea12081-9a65-4716-81b0-307b9921d874", "resourceVersion": "494", "creationTimestamp": "2026-11-22T08:22:03Z"}, "spec": {"replicas": 5}, "status": {"replicas": 3, "selector": "app=s1"}}
            """, scale.Body, _ns);
        var stored = await cluster.Http.GetRawAsync(Scalers + "/s1");
        Assert.Equal(5, stored.Body!["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(2, stored.Body!["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(stored.Body.ResourceVersion(), scale.Body.ResourceVersion());
    }

    [Fact]
    public async Task Scale_with_a_stale_resourceVersion_is_a_409_Conflict()
    {
        await CreateScaledS1Async();
        var before = await cluster.Http.GetRawAsync(Scalers + "/s1/scale");
        (await cluster.Http.PatchAsync(Scalers + "/s1/scale", """{"spec": {"replicas": 4}}""", "application/merge-patch+json")).Expect(200);

        var stale = await cluster.Http.PutAsync(Scalers + "/s1/scale", $$$"""
            {"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"s1","namespace":"{{{_ns}}}","resourceVersion":"{{{before.Body.ResourceVersion()}}}"},"spec":{"replicas":6}}
            """);

        stale.Expect(409);
        Assert.Equal("Conflict", stale.Body!["reason"]!.GetValue<string>());
    }
}
