using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Replays of the transcript's custom resource reads: paging, Table, selector errors and watches.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class TranscriptWidgetReadTests(LocalClusterFixture cluster) : IAsyncLifetime
{
    private const string _group = "bars.example.com";
    private string _ns = "";

    private string Widgets => $"/apis/{_group}/v1/namespaces/{_ns}/widgets";

    public async Task InitializeAsync()
    {
        await CustomResourceDefinitions.EnsureAsync(cluster.Http, CustomResourceDefinitions.Widget(_group));
        _ns = await Namespaces.CreateAsync(cluster.Http, "tx");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonNode> CreateAsync(string name, int size, string? labels = null)
    {
        var metadata = labels is null ? $$"""{"name":"{{name}}"}""" : $$"""{"name":"{{name}}","labels":{{labels}}}""";
        var created = await cluster.Http.PostAsync(Widgets, $$$"""{"apiVersion":"bars.example.com/v1","kind":"Widget","metadata":{{{metadata}}},"spec":{"size":{{{size}}}}}""");
        created.Expect(201);
        return created.Body!;
    }

    [Fact]
    public async Task List_with_limit_pages_through_one_snapshot()
    {
        await CreateAsync("w1", 3);
        await CreateAsync("w9", 3);
        await CreateAsync("w2", 3);

        var first = await cluster.Http.GetRawAsync(Widgets + "?limit=1");
        await CreateAsync("w3", 3);
        var second = await cluster.Http.GetRawAsync(Widgets + "?limit=1&continue=" + Uri.EscapeDataString(first.Body!["metadata"]!["continue"]!.GetValue<string>()));
        var third = await cluster.Http.GetRawAsync(Widgets + "?limit=1&continue=" + Uri.EscapeDataString(second.Body!["metadata"]!["continue"]!.GetValue<string>()));

        first.Expect(200);
        Assert.Equal(["apiVersion", "items", "kind", "metadata"], first.Body!.AsObject().Select(p => p.Key));
        Assert.Equal("WidgetList", first.Body!["kind"]!.GetValue<string>());
        Assert.Equal(["continue", "remainingItemCount", "resourceVersion"], first.Body!["metadata"]!.AsObject().Select(p => p.Key));
        // Storage-key order (etcd); the recording came from kine, which orders by revision and estimates the count.
        Assert.Equal(2, first.Body!["metadata"]!["remainingItemCount"]!.GetValue<long>());
        Assert.Equal(1, second.Body!["metadata"]!["remainingItemCount"]!.GetValue<long>());
        Assert.Equal(["w1", "w2", "w9"], new[] { first, second, third }.Select(p => p.Body!["items"]![0]!["metadata"]!["name"]!.GetValue<string>()));
        Assert.All(new[] { second, third }, page => Assert.Equal(first.Body.ResourceVersion(), page.Body.ResourceVersion()));
        Assert.Equal(["resourceVersion"], third.Body!["metadata"]!.AsObject().Select(p => p.Key));
        Assert.Equal(
            """{"apiVersion":"bars.example.com/v1","kind":"Widget","metadata":{"creationTimestamp":"<creationTimestamp>","generation":1,"name":"w1","namespace":"NS","resourceVersion":"<resourceVersion>","uid":"<uid>"},"spec":{"color":"green","size":3}}""".Replace("NS", _ns, StringComparison.Ordinal),
            TranscriptAssert.Normalize(first.Body!["items"]![0]));
    }

    [Fact]
    public async Task Table_has_the_printer_columns_and_partial_object_metadata_rows()
    {
        await CreateAsync("w1", 5, """{"tier":"gold"}""");
        await CreateAsync("w2", 3);

        var table = await cluster.Http.GetAcceptingAsync(Widgets, "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");

        table.Expect(200);
        TranscriptAssert.Equal("""
            {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"475"},
             "columnDefinitions":[
               {"name":"Name","type":"string","format":"name","description":"Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: http://kubernetes.io/docs/user-guide/identifiers#names","priority":0},
               {"name":"Size","type":"integer","format":"","description":"Custom resource definition column (in JSONPath format): .spec.size","priority":0},
               {"name":"Color","type":"string","format":"","description":"Custom resource definition column (in JSONPath format): .spec.color","priority":0}],
             "rows":[
               {"cells":["w1",5,"green"],"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"w1","namespace":"tx","uid":"u","resourceVersion":"474","generation":1,"creationTimestamp":"2026-11-22T08:20:51Z","labels":{"tier":"gold"}}}},
               {"cells":["w2",3,"green"],"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"w2","namespace":"tx","uid":"u","resourceVersion":"475","generation":1,"creationTimestamp":"2026-11-22T08:20:51Z"}}}]}
            """, table.Body, _ns);
    }

    [Fact]
    public async Task Label_selector_parse_error_is_400()
    {
        var list = await cluster.Http.GetRawAsync(Widgets + "?labelSelector=tier%20in%20gold");

        list.Expect(400);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"unable to parse requirement: found 'gold' expected: '('","reason":"BadRequest","code":400}""",
            list.Body!.Compact());
    }

    [Fact]
    public async Task Watch_from_resourceVersion_1_is_one_in_stream_Expired_error_then_the_end()
    {
        await using var watch = await WatchStream.OpenAsync(cluster.Http, Widgets + "?watch=1&resourceVersion=1");

        Assert.Equal(200, watch.Status);
        Assert.Equal("application/json", watch.Response.Content.Headers.ContentType?.ToString());
        var error = await watch.NextAsync();
        Assert.Equal("ERROR", error["type"]!.GetValue<string>());
        var message = error["object"]!["message"]!.GetValue<string>();
        Assert.Matches(@"^too old resource version: 1 \(\d+\)$", message);
        Assert.Equal(
            $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"{{message}}","reason":"Expired","code":410}""",
            error["object"]!.Compact());
        Assert.Equal(WatchEnd.Clean, await watch.EndAsync());
        Assert.Equal("", watch.UnterminatedTail);
    }

    [Fact]
    public async Task Watch_from_the_list_resourceVersion_sees_MODIFIED_then_DELETED_with_the_deletion_revision()
    {
        await CreateAsync("w1", 3);
        await CreateAsync("w2", 3);
        var listed = await cluster.Http.GetRawAsync(Widgets);
        await using var watch = await WatchStream.OpenAsync(cluster.Http, Widgets + $"?watch=1&allowWatchBookmarks=true&resourceVersion={listed.Body.ResourceVersion()}");

        var patched = await cluster.Http.PatchAsync(Widgets + "/w2", """{"spec":{"size":7}}""", "application/merge-patch+json");
        var deleted = await cluster.Http.DeleteRawAsync(Widgets + "/w2");
        var after = await cluster.Http.GetRawAsync(Widgets);

        patched.Expect(200);
        deleted.Expect(200);
        var modified = await watch.NextAsync();
        var gone = await watch.NextAsync();
        var recorded = """{"apiVersion":"bars.example.com/v1","kind":"Widget","metadata":{"creationTimestamp":"2026-11-22T08:20:51Z","generation":2,"name":"w2","namespace":"tx","resourceVersion":"476","uid":"43d8602f-c4c8-4a2d-9a13-c5d2411676ec"},"spec":{"color":"green","size":7}}""";
        Assert.Equal("MODIFIED", modified["type"]!.GetValue<string>());
        TranscriptAssert.Equal(recorded, modified["object"], _ns);
        Assert.Equal(patched.Body.ResourceVersion(), modified["object"].ResourceVersion());
        Assert.Equal("DELETED", gone["type"]!.GetValue<string>());
        TranscriptAssert.Equal(recorded, gone["object"], _ns);
        Assert.InRange(gone["object"].Revision(), modified["object"].Revision() + 1, after.Body.Revision());
        await watch.AssertQuietAsync(TimeSpan.FromMilliseconds(200));
    }
}
