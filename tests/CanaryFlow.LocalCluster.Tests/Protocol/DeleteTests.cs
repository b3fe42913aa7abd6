using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>DELETE: where options come from, preconditions, response shapes, and propagation through the simulated GC.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class DeleteTests(LocalClusterFixture cluster) : IAsyncLifetime
{
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await Namespaces.CreateAsync(cluster.Http, "delete");

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Uid(JsonNode obj) => obj["metadata"]!["uid"]!.GetValue<string>();

    /// <summary>An owner ConfigMap and two dependents that block its foreground deletion.</summary>
    private async Task<JsonNode> OwnerWithDependentsAsync()
    {
        var owner = await ConfigMaps.CreateAsync(cluster.Http, _ns, "owner");
        foreach (var name in new[] { "dep1", "dep2" })
        {
            (await cluster.Http.PostAsync(ConfigMaps.Path(_ns), $$$"""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}","ownerReferences":[
                  {"apiVersion":"v1","kind":"ConfigMap","name":"owner","uid":"{{{Uid(owner)}}}","controller":true,"blockOwnerDeletion":true}]}}
                """)).Expect(201);
        }

        return owner;
    }

    [Fact]
    public async Task Immediate_deletes_answer_with_a_Success_Status()
    {
        var created = await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");

        var deleted = await cluster.Http.DeleteRawAsync(ConfigMaps.Path(_ns, "a"));

        Assert.Equal(
            $$$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"a","kind":"configmaps","uid":"{{{Uid(created)}}}"}}""",
            deleted.Expect(200).Compact());
    }

    [Fact]
    public async Task Custom_resource_Success_Status_names_the_group()
    {
        await CustomResourceDefinitions.EnsureAsync(cluster.Http, CustomResourceDefinitions.Widget("bars.example.com"));
        var widgets = $"/apis/bars.example.com/v1/namespaces/{_ns}/widgets";
        var created = (await cluster.Http.PostAsync(widgets, """{"apiVersion":"bars.example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":1}}""")).Expect(201);

        var deleted = await cluster.Http.DeleteRawAsync(widgets + "/w");

        Assert.Equal(
            $$$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"w","group":"bars.example.com","kind":"widgets","uid":"{{{Uid(created)}}}"}}""",
            deleted.Expect(200).Compact());
    }

    [Fact]
    public async Task Pods_answer_with_the_deleted_object()
    {
        (await cluster.Http.PostAsync($"/api/v1/namespaces/{_ns}/pods", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"c:1"}]}}""")).Expect(201);

        var deleted = (await cluster.Http.DeleteRawAsync($"/api/v1/namespaces/{_ns}/pods/p")).Expect(200);

        Assert.Equal(("Pod", "v1", "p"), (deleted["kind"]!.GetValue<string>(), deleted["apiVersion"]!.GetValue<string>(), deleted["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Deleting_a_collection_deletes_what_matches_and_lists_it()
    {
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a", """{"app":"web"}""");
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "b", """{"app":"web"}""");
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "c", """{"app":"db"}""");
        await CustomResourceDefinitions.EnsureAsync(cluster.Http, CustomResourceDefinitions.Widget("bars.example.com"));
        var widgets = $"/apis/bars.example.com/v1/namespaces/{_ns}/widgets";
        (await cluster.Http.PostAsync(widgets, """{"apiVersion":"bars.example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":1}}""")).Expect(201);

        var deleted = (await cluster.Http.DeleteRawAsync(ConfigMaps.Path(_ns) + "?labelSelector=app%3Dweb")).Expect(200);
        var deletedWidgets = (await cluster.Http.DeleteRawAsync(widgets)).Expect(200);

        Assert.Equal(["kind", "apiVersion", "metadata", "items"], deleted.AsObject().Select(p => p.Key));
        Assert.Equal("ConfigMapList", deleted["kind"]!.GetValue<string>());
        Assert.Equal(["a", "b"], deleted["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        Assert.All(deleted["items"]!.AsArray(), i => Assert.Null(i!["kind"]));
        Assert.Equal(["c"], (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns))).Expect(200)["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal(["apiVersion", "items", "kind", "metadata"], deletedWidgets.AsObject().Select(p => p.Key));
        Assert.Equal("Widget", deletedWidgets["items"]![0]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Options_come_from_the_body_when_there_is_one_and_from_the_query_otherwise()
    {
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "b");

        (await cluster.Http.DeleteRawAsync(ConfigMaps.Path(_ns, "a") + "?dryRun=All")).Expect(200);
        (await cluster.Http.DeleteRawAsync(ConfigMaps.Path(_ns, "b") + "?dryRun=All", """{"kind":"DeleteOptions","apiVersion":"v1"}""")).Expect(200);

        (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns, "a"))).Expect(200);
        (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns, "b"))).Expect(404);
    }

    [Fact]
    public async Task A_uid_precondition_mismatch_is_a_409_naming_the_Kind()
    {
        var created = await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");

        var deleted = await cluster.Http.DeleteRawAsync(ConfigMaps.Path(_ns, "a"), """{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"uid":"not-the-uid"}}""");

        Assert.Equal(
            $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on ConfigMap \"a\": the UID in the precondition (not-the-uid) does not match the UID in record ({{Uid(created)}}). The object might have been deleted and then recreated","reason":"Conflict","details":{"name":"a","kind":"ConfigMap"},"code":409}""",
            deleted.Expect(409).Compact());
    }

    [Fact]
    public async Task A_resourceVersion_precondition_mismatch_is_a_409_naming_the_Kind()
    {
        await CustomResourceDefinitions.EnsureAsync(cluster.Http, CustomResourceDefinitions.Widget("bars.example.com"));
        var widgets = $"/apis/bars.example.com/v1/namespaces/{_ns}/widgets";
        var created = (await cluster.Http.PostAsync(widgets, """{"apiVersion":"bars.example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":1}}""")).Expect(201);

        var deleted = await cluster.Http.DeleteRawAsync(widgets + "/w", """{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"resourceVersion":"1"}}""");
        var matching = await cluster.Http.DeleteRawAsync(widgets + "/w", $$$"""{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"uid":"{{{Uid(created)}}}","resourceVersion":"{{{created.ResourceVersion()}}}"}}""");

        Assert.Equal(
            $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on Widget.bars.example.com \"w\": the ResourceVersion in the precondition (1) does not match the ResourceVersion in record ({{created.ResourceVersion()}}). The object might have been modified","reason":"Conflict","details":{"name":"w","group":"bars.example.com","kind":"Widget"},"code":409}""",
            deleted.Expect(409).Compact());
        Assert.Equal("Success", matching.Expect(200)["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Foreground_keeps_the_owner_until_the_collector_has_deleted_its_dependents()
    {
        var owner = await OwnerWithDependentsAsync();
        await using var watch = await WatchStream.OpenAsync(cluster.Http, ConfigMaps.Path(_ns) + "?watch=1&resourceVersion=" + (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns))).Expect(200).ResourceVersion());

        var deleted = (await cluster.Http.DeleteRawAsync(ConfigMaps.Path(_ns, "owner"), """{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Foreground"}""")).Expect(200);

        Assert.Equal("""["foregroundDeletion"]""", deleted["metadata"]!["finalizers"].Compact());
        Assert.NotNull(deleted["metadata"]!["deletionTimestamp"]);
        Assert.Equal(Uid(owner), Uid(deleted));
        var deletions = new List<string>();
        while (!deletions.Contains("owner"))
        {
            var next = await watch.NextAsync();
            if (next["type"]!.GetValue<string>() == "DELETED")
            {
                deletions.Add(next["object"]!["metadata"]!["name"]!.GetValue<string>());
            }
        }

        Assert.Equal(["dep1", "dep2", "owner"], deletions.Order(StringComparer.Ordinal));
        Assert.Equal("owner", deletions[^1]);
    }

    [Fact]
    public async Task Foreground_deletion_of_a_ReplicaSet_takes_its_pods_first()
    {
        (await cluster.Http.PostAsync($"/apis/apps/v1/namespaces/{_ns}/replicasets", """
            {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"rs"},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"rs"}},"template":{"metadata":{"labels":{"app":"rs"}},"spec":{"containers":[{"name":"c","image":"c:1"}]}}}}
            """)).Expect(201);
        var pods = $"/api/v1/namespaces/{_ns}/pods?labelSelector=app%3Drs";
        await Eventually.UntilAsync(() => cluster.Http.GetRawAsync(pods), r => r.Expect(200)["items"]!.AsArray().Count == 2, "the ReplicaSet's pods");

        var deleted = (await cluster.Http.DeleteRawAsync($"/apis/apps/v1/namespaces/{_ns}/replicasets/rs?propagationPolicy=Foreground")).Expect(200);

        Assert.Equal("ReplicaSet", deleted["kind"]!.GetValue<string>());
        Assert.Contains("foregroundDeletion", deleted["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        await Eventually.UntilAsync(() => cluster.Http.GetRawAsync($"/apis/apps/v1/namespaces/{_ns}/replicasets/rs"), r => r.Status == 404, "the ReplicaSet to go");
        Assert.Empty((await cluster.Http.GetRawAsync(pods)).Expect(200)["items"]!.AsArray());
    }

    [Fact]
    public async Task Orphan_strips_the_owner_reference_and_keeps_the_dependents()
    {
        await OwnerWithDependentsAsync();

        var deleted = (await cluster.Http.DeleteRawAsync(ConfigMaps.Path(_ns, "owner") + "?propagationPolicy=Orphan")).Expect(200);

        Assert.Equal("""["orphan"]""", deleted["metadata"]!["finalizers"].Compact());
        await Eventually.UntilAsync(() => cluster.Http.GetRawAsync(ConfigMaps.Path(_ns, "owner")), r => r.Status == 404, "the orphaning owner to go");
        var dependents = (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns))).Expect(200)["items"]!.AsArray();
        Assert.Equal(["dep1", "dep2"], dependents.Select(d => d!["metadata"]!["name"]!.GetValue<string>()));
        Assert.All(dependents, d => Assert.Null(d!["metadata"]!["ownerReferences"]));
    }

    [Fact]
    public async Task Background_deletes_the_owner_at_once_and_the_dependents_after()
    {
        await OwnerWithDependentsAsync();

        var deleted = (await cluster.Http.DeleteRawAsync(ConfigMaps.Path(_ns, "owner") + "?propagationPolicy=Background")).Expect(200);

        Assert.Equal("Success", deleted["status"]!.GetValue<string>());
        (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns, "owner"))).Expect(404);
        await Eventually.UntilAsync(() => cluster.Http.GetRawAsync(ConfigMaps.Path(_ns)), r => r.Expect(200)["items"]!.AsArray().Count == 0, "the dependents to be collected");
    }
}
