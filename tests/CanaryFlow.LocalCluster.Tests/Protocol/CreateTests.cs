using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>POST: server-set fields, name generation, dry runs and namespace admission.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class CreateTests(LocalClusterFixture cluster) : IAsyncLifetime
{
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await Namespaces.CreateAsync(cluster.Http, "create");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_resourceVersion_in_the_body_is_a_500_with_no_reason()
    {
        var created = await cluster.Http.PostAsync(ConfigMaps.Path(_ns), """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"42"}}""");

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"resourceVersion should not be set on objects to be created","code":500}""",
            created.Expect(500).Compact());
        (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns, "a"))).Expect(404);
    }

    [Fact]
    public async Task A_namespace_in_the_body_that_differs_from_the_url_is_400()
    {
        var created = await cluster.Http.PostAsync(ConfigMaps.Path(_ns), """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"other"}}""");

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the namespace of the provided object does not match the namespace sent on the request","reason":"BadRequest","code":400}""",
            created.Expect(400).Compact());
    }

    [Fact]
    public async Task GenerateName_appends_five_random_characters()
    {
        var first = (await cluster.Http.PostAsync(ConfigMaps.Path(_ns), """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"generateName":"web-"}}""")).Expect(201);
        var second = (await cluster.Http.PostAsync(ConfigMaps.Path(_ns), """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"generateName":"web-"}}""")).Expect(201);

        var names = new[] { first, second }.Select(b => b["metadata"]!["name"]!.GetValue<string>()).ToList();
        Assert.All(names, n => Assert.Matches("^web-[bcdfghjklmnpqrstvwxz2456789]{5}$", n));
        Assert.NotEqual(names[0], names[1]);
        Assert.Equal("web-", first["metadata"]!["generateName"]!.GetValue<string>());
        (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns, names[0]))).Expect(200);
    }

    [Fact]
    public async Task A_dry_run_create_runs_everything_but_stores_nothing()
    {
        var listed = (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns))).Expect(200);
        await using var watch = await WatchStream.OpenAsync(cluster.Http, ConfigMaps.Path(_ns) + "?watch=1&resourceVersion=" + listed.ResourceVersion());

        var dryRun = (await cluster.Http.PostAsync(ConfigMaps.Path(_ns) + "?dryRun=All", ConfigMaps.Body("a"))).Expect(201);
        var invalid = await cluster.Http.PostAsync(ConfigMaps.Path(_ns) + "?dryRun=All", ConfigMaps.Body("Not_Valid"));
        var missing = await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns, "a"));
        var real = await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");

        Assert.Null(dryRun["metadata"]!["resourceVersion"]);
        Assert.NotNull(dryRun["metadata"]!["uid"]);
        Assert.NotNull(dryRun["metadata"]!["creationTimestamp"]);
        Assert.NotEqual(dryRun["metadata"]!["uid"]!.GetValue<string>(), real["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("Invalid", invalid.Expect(422)["reason"]!.GetValue<string>());
        missing.Expect(404);
        var first = await watch.NextAsync();
        Assert.Equal(real.ResourceVersion(), first["object"].ResourceVersion());
    }

    [Fact]
    public async Task A_dry_run_create_of_an_existing_name_is_still_AlreadyExists()
    {
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");

        var dryRun = await cluster.Http.PostAsync(ConfigMaps.Path(_ns) + "?dryRun=All", ConfigMaps.Body("a"));

        Assert.Equal("AlreadyExists", dryRun.Expect(409)["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unsupported_dryRun_value_is_422_on_the_options_of_the_verb()
    {
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");

        var create = await cluster.Http.PostAsync(ConfigMaps.Path(_ns) + "?dryRun=Server", ConfigMaps.Body("b"));
        var patch = await cluster.Http.PatchAsync(ConfigMaps.Path(_ns, "a") + "?dryRun=Server", """{"data":{"k":"w"}}""", "application/merge-patch+json");
        var delete = await cluster.Http.DeleteRawAsync(ConfigMaps.Path(_ns, "a"), """{"kind":"DeleteOptions","apiVersion":"v1","dryRun":["Server"]}""");

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"Server\"}: supported values: \"All\"","reason":"Invalid","details":{"group":"meta.k8s.io","kind":"CreateOptions","causes":[{"reason":"FieldValueNotSupported","message":"Unsupported value: []string{\"Server\"}: supported values: \"All\"","field":"dryRun"}]},"code":422}""",
            create.Expect(422).Compact());
        Assert.StartsWith("PatchOptions.meta.k8s.io \"\" is invalid: dryRun", patch.Expect(422)["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("DeleteOptions.meta.k8s.io \"\" is invalid: dryRun", delete.Expect(422)["message"]!.GetValue<string>(), StringComparison.Ordinal);
        (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns, "b"))).Expect(404);
        Assert.Equal("""{"k":"v"}""", (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns, "a"))).Expect(200)["data"].Compact());
    }

    [Fact]
    public async Task Create_in_a_missing_namespace_is_404_for_the_namespace()
    {
        var created = await cluster.Http.PostAsync(ConfigMaps.Path("no-such-namespace"), ConfigMaps.Body("a"));

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"namespaces \"no-such-namespace\" not found","reason":"NotFound","details":{"name":"no-such-namespace","kind":"namespaces"},"code":404}""",
            created.Expect(404).Compact());
    }

    [Fact]
    public async Task Create_in_a_terminating_namespace_is_403_NamespaceTerminating()
    {
        // A finalizer nobody removes keeps the namespace terminating.
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "held", finalizers: """["example.com/hold"]""");
        (await cluster.Http.DeleteRawAsync($"/api/v1/namespaces/{_ns}")).Expect(200);

        var created = await cluster.Http.PostAsync(ConfigMaps.Path(_ns), ConfigMaps.Body("a"));

        Assert.Equal(
            $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \"a\" is forbidden: unable to create new content in namespace {{_ns}} because it is being terminated","reason":"Forbidden","details":{"name":"a","kind":"configmaps","causes":[{"reason":"NamespaceTerminating","message":"namespace {{_ns}} is being terminated","field":"metadata.namespace"}]},"code":403}""",
            created.Expect(403).Compact());

        (await cluster.Http.PatchAsync(ConfigMaps.Path(_ns, "held"), """{"metadata":{"finalizers":null}}""", "application/merge-patch+json")).Expect(200);
        await Eventually.UntilAsync(() => cluster.Http.GetRawAsync($"/api/v1/namespaces/{_ns}"), r => r.Status == 404, "the namespace to go once emptied");
    }
}
