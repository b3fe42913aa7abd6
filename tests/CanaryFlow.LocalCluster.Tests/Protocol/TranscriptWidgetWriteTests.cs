using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Replays of the transcript's custom resource writes: create, conflicts, validation, updates and patches.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class TranscriptWidgetWriteTests(LocalClusterFixture cluster) : IAsyncLifetime
{
    private const string _group = "bars.example.com";
    private const string _createW1 = """
        {"apiVersion": "bars.example.com/v1", "kind": "Widget", "metadata": {"name": "w1", "namespace": "tx", "labels": {"tier": "gold"}}, "spec": {"size": 3}, "status": {"conditions": []}}
        """;

    private const string _w1AfterCreate = """
        {"apiVersion": "bars.example.com/v1", "kind": "Widget", "metadata": {"creationTimestamp": "2026-11-22T08:20:51Z", "generation": 1, "labels": {"tier": "gold"}, "name": "w1", "namespace": "tx", "resourceVersion": "470", "uid": "bdb78df4-c3eb-49a8-8295-f1df9e1f1506"}, "spec": {"color": "green", "size": 3}}
        """;

    private string _ns = "";

    private string Widgets => $"/apis/{_group}/v1/namespaces/{_ns}/widgets";

    public async Task InitializeAsync()
    {
        await CustomResourceDefinitions.EnsureAsync(cluster.Http, CustomResourceDefinitions.Widget(_group));
        _ns = await Namespaces.CreateAsync(cluster.Http, "tx");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string InNamespace(string body) => body.Replace("\"tx\"", $"\"{_ns}\"", StringComparison.Ordinal);

    private async Task<string> CreateW1Async()
    {
        var created = await cluster.Http.PostAsync(Widgets, InNamespace(_createW1));
        created.Expect(201);
        return created.Body.ResourceVersion();
    }

    /// <summary>The transcript's PUT body: the object as first returned, with spec.size changed to 4.</summary>
    private string UpdateBody(string? resourceVersion)
    {
        var rv = resourceVersion is null ? "" : $"\"resourceVersion\": \"{resourceVersion}\", ";
        return InNamespace("""
            {"apiVersion": "bars.example.com/v1", "kind": "Widget", "metadata": {"creationTimestamp": "2026-11-22T08:20:51Z", "generation": 1, "labels": {"tier": "gold"}, "managedFields": [{"apiVersion": "bars.example.com/v1", "fieldsType": "FieldsV1", "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:tier": {}}}, "f:spec": {".": {}, "f:color": {}, "f:size": {}}}, "manager": "curl", "operation": "Update", "time": "2026-11-22T08:20:51Z"}], "name": "w1", "namespace": "tx", RV"uid": "bdb78df4-c3eb-49a8-8295-f1df9e1f1506"}, "spec": {"color": "green", "size": 4}}
            """.Replace("RV", rv, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_applies_defaults_and_drops_status()
    {
        var created = await cluster.Http.PostAsync(Widgets, InNamespace(_createW1));

        created.Expect(201);
        TranscriptAssert.Equal(_w1AfterCreate, created.Body, _ns);
    }

    [Fact]
    public async Task Create_again_is_AlreadyExists()
    {
        await CreateW1Async();

        var again = await cluster.Http.PostAsync(Widgets, InNamespace("""
            {"apiVersion": "bars.example.com/v1", "kind": "Widget", "metadata": {"name": "w1", "namespace": "tx", "labels": {"tier": "gold"}}, "spec": {"size": 3}}
            """));

        again.Expect(409);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"widgets.bars.example.com \"w1\" already exists","reason":"AlreadyExists","details":{"name":"w1","group":"bars.example.com","kind":"widgets"},"code":409}""",
            again.Body!.Compact());
    }

    // Current servers reject it (1.24 pruned it silently); the decoder's error names the kind, as transformDecodeError does.
    [Fact]
    public async Task Unknown_field_with_strict_validation_is_rejected_as_current_servers_do()
    {
        var created = await cluster.Http.PostAsync(Widgets + "?fieldValidation=Strict", InNamespace("""
            {"apiVersion": "bars.example.com/v1", "kind": "Widget", "metadata": {"name": "w9", "namespace": "tx"}, "spec": {"size": 3, "bogus": 1}}
            """));

        created.Expect(400);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.bogus\"","reason":"BadRequest","code":400}""",
            created.Body!.Compact());
        (await cluster.Http.GetRawAsync(Widgets + "/w9")).Expect(404);
    }

    [Fact]
    public async Task Unknown_field_by_default_is_pruned_with_a_warning()
    {
        var created = await cluster.Http.PostAsync(Widgets, InNamespace("""
            {"apiVersion": "bars.example.com/v1", "kind": "Widget", "metadata": {"name": "w9", "namespace": "tx"}, "spec": {"size": 3, "bogus": 1}}
            """));

        created.Expect(201);
        Assert.Equal("""{"color":"green","size":3}""", created.Body!["spec"]!.Compact());
        Assert.Equal(["299 - \"unknown field \\\"spec.bogus\\\"\""], created.Response.Headers.GetValues("Warning"));
    }

    [Fact]
    public async Task Invalid_widget_is_422_with_causes()
    {
        var created = await cluster.Http.PostAsync(Widgets, InNamespace("""
            {"apiVersion": "bars.example.com/v1", "kind": "Widget", "metadata": {"name": "w-bad", "namespace": "tx"}, "spec": {"size": 42, "color": "purple"}}
            """));

        created.Expect(422);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Widget.bars.example.com \"w-bad\" is invalid: [spec.color: Unsupported value: \"purple\": supported values: \"red\", \"green\", \"blue\", spec.size: Invalid value: 42: spec.size in body should be less than or equal to 10]","reason":"Invalid","details":{"name":"w-bad","group":"bars.example.com","kind":"Widget","causes":[{"reason":"FieldValueNotSupported","message":"Unsupported value: \"purple\": supported values: \"red\", \"green\", \"blue\"","field":"spec.color"},{"reason":"FieldValueInvalid","message":"Invalid value: 42: spec.size in body should be less than or equal to 10","field":"spec.size"}]},"code":422}""",
            created.Body!.Compact());
    }

    [Fact]
    public async Task Update_with_the_current_resourceVersion_bumps_generation()
    {
        var rv = await CreateW1Async();

        var updated = await cluster.Http.PutAsync(Widgets + "/w1", UpdateBody(rv));

        updated.Expect(200);
        TranscriptAssert.Equal(_w1AfterCreate.Replace("\"generation\": 1", "\"generation\": 2", StringComparison.Ordinal).Replace("\"size\": 3", "\"size\": 4", StringComparison.Ordinal), updated.Body, _ns);
        Assert.True(updated.Body.Revision() > long.Parse(rv, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Update_with_a_stale_resourceVersion_is_a_409_Conflict()
    {
        var rv = await CreateW1Async();
        (await cluster.Http.PutAsync(Widgets + "/w1", UpdateBody(rv))).Expect(200);

        var stale = await cluster.Http.PutAsync(Widgets + "/w1", UpdateBody(rv));

        stale.Expect(409);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on widgets.bars.example.com \"w1\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","details":{"name":"w1","group":"bars.example.com","kind":"widgets"},"code":409}""",
            stale.Body!.Compact());
    }

    [Fact]
    public async Task Update_of_a_custom_resource_without_resourceVersion_is_422()
    {
        await CreateW1Async();

        var unconditional = await cluster.Http.PutAsync(Widgets + "/w1", UpdateBody(null));

        unconditional.Expect(422);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"widgets.bars.example.com \"w1\" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update","reason":"Invalid","details":{"name":"w1","group":"bars.example.com","kind":"widgets","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: 0x0: must be specified for an update","field":"metadata.resourceVersion"}]},"code":422}""",
            unconditional.Body!.Compact());
    }

    [Fact]
    public async Task Strategic_merge_patch_of_a_custom_resource_is_415()
    {
        await CreateW1Async();

        var patched = await cluster.Http.PatchAsync(Widgets + "/w1", """{"spec": {"size": 5}}""", "application/strategic-merge-patch+json");

        patched.Expect(415);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml","reason":"UnsupportedMediaType","code":415}""",
            patched.Body!.Compact());
    }

    [Fact]
    public async Task Merge_patch_changes_spec_and_bumps_generation()
    {
        var rv = await CreateW1Async();
        (await cluster.Http.PutAsync(Widgets + "/w1", UpdateBody(rv))).Expect(200);

        var patched = await cluster.Http.PatchAsync(Widgets + "/w1", """{"spec": {"size": 5}}""", "application/merge-patch+json");

        patched.Expect(200);
        TranscriptAssert.Equal(_w1AfterCreate.Replace("\"generation\": 1", "\"generation\": 3", StringComparison.Ordinal).Replace("\"size\": 3", "\"size\": 5", StringComparison.Ordinal), patched.Body, _ns);
    }

    [Fact]
    public async Task Status_merge_patch_ignores_spec_and_keeps_generation()
    {
        await CreateW1Async();

        var patched = await cluster.Http.PatchAsync(Widgets + "/w1/status", """{"spec": {"size": 9}, "status": {"conditions": [{"type": "Ready", "status": "True"}]}}""", "application/merge-patch+json");

        patched.Expect(200);
        TranscriptAssert.Equal("""
            {"apiVersion": "bars.example.com/v1", "kind": "Widget", "metadata": {"creationTimestamp": "2026-11-22T08:20:51Z", "generation": 1, "labels": {"tier": "gold"}, "name": "w1", "namespace": "tx", "resourceVersion": "474", "uid": "bdb78df4-c3eb-49a8-8295-f1df9e1f1506"}, "spec": {"color": "green", "size": 3}, "status": {"conditions": [{"status": "True", "type": "Ready"}]}}
            """, patched.Body, _ns);
    }

    [Fact]
    public async Task Json_patch_with_a_failing_test_is_422_with_the_generic_message()
    {
        await CreateW1Async();

        var patched = await cluster.Http.PatchAsync(Widgets + "/w1", """[{"op":"test","path":"/spec/size","value":77},{"op":"replace","path":"/spec/size","value":6}]""", "application/json-patch+json");

        patched.Expect(422);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server rejected our request due to an error in our request","reason":"Invalid","details":{},"code":422}""",
            patched.Body!.Compact());
        Assert.Equal(3, (await cluster.Http.GetRawAsync(Widgets + "/w1")).Body!["spec"]!["size"]!.GetValue<int>());
    }
}
