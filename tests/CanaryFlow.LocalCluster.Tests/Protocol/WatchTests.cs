using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Watch semantics: where a watch starts, what selector transitions look like, bookmarks and clean ends.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class WatchTests(LocalClusterFixture cluster) : IAsyncLifetime
{
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await Namespaces.CreateAsync(cluster.Http, "watch");

    public Task DisposeAsync() => Task.CompletedTask;

    private static (string Type, JsonNode Object) Parts(JsonObject watchEvent) =>
        (watchEvent["type"]!.GetValue<string>(), watchEvent["object"]!);

    private static string Name(JsonNode obj) => obj["metadata"]!["name"]!.GetValue<string>();

    [Fact]
    public async Task Headers_arrive_before_any_event()
    {
        var listed = (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns))).Expect(200);

        var opening = WatchStream.OpenAsync(cluster.Http, ConfigMaps.Path(_ns) + "?watch=1&resourceVersion=" + listed.ResourceVersion());
        var opened = await Task.WhenAny(opening, Task.Delay(TimeSpan.FromSeconds(5)));

        Assert.Same(opening, opened);
        await using var watch = await opening;
        Assert.Equal(200, watch.Status);
        Assert.Equal("application/json", watch.Response.Content.Headers.ContentType?.ToString());
        Assert.True(watch.Response.Headers.TransferEncodingChunked, "a watch body is chunked");
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");
        var added = Parts(await watch.NextAsync());
        Assert.Equal("ADDED", added.Type);
        Assert.Equal("ConfigMap", added.Object["kind"]!.GetValue<string>());
        Assert.Equal("v1", added.Object["apiVersion"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("&resourceVersion=")]
    [InlineData("&resourceVersion=0")]
    public async Task Unset_or_zero_resourceVersion_starts_with_synthetic_ADDED_events(string resourceVersion)
    {
        var b = await ConfigMaps.CreateAsync(cluster.Http, _ns, "b");
        var a = await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");

        await using var watch = await WatchStream.OpenAsync(cluster.Http, ConfigMaps.Path(_ns) + "?watch=1" + resourceVersion);
        var first = Parts(await watch.NextAsync());
        var second = Parts(await watch.NextAsync());
        await watch.AssertQuietAsync(TimeSpan.FromMilliseconds(100));
        var changed = (await cluster.Http.PatchAsync(ConfigMaps.Path(_ns, "b"), """{"data":{"k":"w"}}""", "application/merge-patch+json")).Expect(200);
        var third = Parts(await watch.NextAsync());

        Assert.Equal(("ADDED", "a", a.ResourceVersion()), (first.Type, Name(first.Object), first.Object.ResourceVersion()));
        Assert.Equal(("ADDED", "b", b.ResourceVersion()), (second.Type, Name(second.Object), second.Object.ResourceVersion()));
        Assert.Equal(("MODIFIED", "b", changed.ResourceVersion()), (third.Type, Name(third.Object), third.Object.ResourceVersion()));
    }

    [Fact]
    public async Task An_explicit_resourceVersion_replays_only_later_changes()
    {
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");
        var b = await ConfigMaps.CreateAsync(cluster.Http, _ns, "b");
        var changed = (await cluster.Http.PatchAsync(ConfigMaps.Path(_ns, "a"), """{"data":{"k":"w"}}""", "application/merge-patch+json")).Expect(200);

        await using var watch = await WatchStream.OpenAsync(cluster.Http, ConfigMaps.Path(_ns) + "?watch=1&resourceVersion=" + b.ResourceVersion());
        var only = Parts(await watch.NextAsync());

        Assert.Equal(("MODIFIED", "a", changed.ResourceVersion()), (only.Type, Name(only.Object), only.Object.ResourceVersion()));
        await watch.AssertQuietAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_label_selector_turns_starting_and_stopping_to_match_into_ADDED_and_DELETED()
    {
        var listed = (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns))).Expect(200);
        await using var watch = await WatchStream.OpenAsync(cluster.Http, ConfigMaps.Path(_ns) + "?watch=1&labelSelector=app%3Dweb&resourceVersion=" + listed.ResourceVersion());
        var path = ConfigMaps.Path(_ns, "a");

        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");
        var starts = (await cluster.Http.PatchAsync(path, """{"metadata":{"labels":{"app":"web"}}}""", "application/merge-patch+json")).Expect(200);
        var modified = (await cluster.Http.PatchAsync(path, """{"data":{"k":"w"}}""", "application/merge-patch+json")).Expect(200);
        var stops = (await cluster.Http.PatchAsync(path, """{"metadata":{"labels":{"app":"db"}},"data":{"k":"x"}}""", "application/merge-patch+json")).Expect(200);
        (await cluster.Http.DeleteRawAsync(path)).Expect(200);

        var added = Parts(await watch.NextAsync());
        var changed = Parts(await watch.NextAsync());
        var left = Parts(await watch.NextAsync());
        Assert.Equal(("ADDED", starts.ResourceVersion()), (added.Type, added.Object.ResourceVersion()));
        Assert.Equal(("MODIFIED", modified.ResourceVersion()), (changed.Type, changed.Object.ResourceVersion()));
        Assert.Equal("DELETED", left.Type);
        Assert.Equal(stops.ResourceVersion(), left.Object.ResourceVersion());
        Assert.Equal("""{"app":"web"}""", left.Object["metadata"]!["labels"].Compact());
        Assert.Equal("""{"k":"w"}""", left.Object["data"].Compact());
        await watch.AssertQuietAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Bookmarks_go_only_to_watches_that_allow_them()
    {
        var created = await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");
        var from = "&resourceVersion=" + created.ResourceVersion();
        await using var allowing = await WatchStream.OpenAsync(cluster.Http, ConfigMaps.Path(_ns) + "?watch=1&allowWatchBookmarks=true" + from);
        await using var plain = await WatchStream.OpenAsync(cluster.Http, ConfigMaps.Path(_ns) + "?watch=1" + from);

        cluster.Server.SendBookmarks();

        var bookmark = Parts(await allowing.NextAsync());
        Assert.Equal("BOOKMARK", bookmark.Type);
        Assert.Equal(["kind", "apiVersion", "metadata"], bookmark.Object.AsObject().Select(p => p.Key));
        Assert.Equal(("ConfigMap", "v1"), (bookmark.Object["kind"]!.GetValue<string>(), bookmark.Object["apiVersion"]!.GetValue<string>()));
        Assert.Equal(["resourceVersion"], bookmark.Object["metadata"]!.AsObject().Select(p => p.Key));
        Assert.True(bookmark.Object.Revision() >= created.Revision());
        await plain.AssertQuietAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task TimeoutSeconds_ends_the_stream_cleanly()
    {
        var started = DateTimeOffset.UtcNow;
        await using var watch = await WatchStream.OpenAsync(cluster.Http, ConfigMaps.Path(_ns) + "?watch=1&resourceVersion=0&timeoutSeconds=1");

        var end = await watch.EndAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(WatchEnd.Clean, end);
        Assert.InRange(DateTimeOffset.UtcNow - started, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.Equal("", watch.UnterminatedTail);
    }

    [Theory]
    [InlineData("/configmaps/a?watch=1")]
    [InlineData("/configmaps?watch=1&fieldSelector=metadata.name%3Da")]
    public async Task Watching_one_object_by_path_or_by_name_selector_sees_only_that_object(string query)
    {
        var listed = (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns))).Expect(200);
        await using var watch = await WatchStream.OpenAsync(cluster.Http, $"/api/v1/namespaces/{_ns}{query}&resourceVersion={listed.ResourceVersion()}");

        await ConfigMaps.CreateAsync(cluster.Http, _ns, "b");
        var a = await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "c");

        var only = Parts(await watch.NextAsync());
        Assert.Equal(("ADDED", "a", a.ResourceVersion()), (only.Type, Name(only.Object), only.Object.ResourceVersion()));
        await watch.AssertQuietAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Watching_one_object_with_a_contradicting_name_selector_is_400()
    {
        var watch = await cluster.Http.GetRawAsync($"/api/v1/namespaces/{_ns}/configmaps/a?watch=1&fieldSelector=metadata.name%3Db");

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"fieldSelector metadata.name doesn't match requested name","reason":"BadRequest","code":400}""",
            watch.Expect(400).Compact());
    }
}
