using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Streaming lists (sendInitialEvents): the initial ADDED events end with a marked bookmark, or the request is 422.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class WatchListTests(LocalClusterFixture cluster) : IAsyncLifetime
{
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await Namespaces.CreateAsync(cluster.Http, "watchlist");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Initial_events_end_with_a_bookmark_annotated_initial_events_end()
    {
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");
        var b = await ConfigMaps.CreateAsync(cluster.Http, _ns, "b");

        await using var watch = await WatchStream.OpenAsync(cluster.Http, ConfigMaps.Path(_ns) + "?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true");
        var first = await watch.NextAsync();
        var second = await watch.NextAsync();
        var end = await watch.NextAsync();
        var later = (await cluster.Http.PatchAsync(ConfigMaps.Path(_ns, "a"), """{"data":{"k":"w"}}""", "application/merge-patch+json")).Expect(200);
        var modified = await watch.NextAsync();

        Assert.Equal(["ADDED", "ADDED", "BOOKMARK", "MODIFIED"], new[] { first, second, end, modified }.Select(e => e["type"]!.GetValue<string>()));
        Assert.Equal(["a", "b"], new[] { first, second }.Select(e => e["object"]!["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal("""{"k8s.io/initial-events-end":"true"}""", end["object"]!["metadata"]!["annotations"].Compact());
        Assert.True(end["object"].Revision() >= b.Revision());
        Assert.Equal(later.ResourceVersion(), modified["object"].ResourceVersion());
    }

    [Fact]
    public async Task Without_bookmarks_allowed_the_end_marker_is_not_sent()
    {
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");

        await using var watch = await WatchStream.OpenAsync(cluster.Http, ConfigMaps.Path(_ns) + "?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan");

        Assert.Equal("ADDED", (await watch.NextAsync())["type"]!.GetValue<string>());
        await watch.AssertQuietAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task SendInitialEvents_without_resourceVersionMatch_is_422()
    {
        var watch = await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns) + "?watch=1&sendInitialEvents=true&allowWatchBookmarks=true");

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan","reason":"Invalid","details":{"group":"meta.k8s.io","kind":"ListOptions","causes":[{"reason":"FieldValueForbidden","message":"Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan","field":"resourceVersionMatch"}]},"code":422}""",
            watch.Expect(422).Compact());
    }

    [Fact]
    public async Task SendInitialEvents_on_a_list_is_422()
    {
        var list = await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns) + "?sendInitialEvents=true");

        Assert.Equal(
            """ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list""",
            list.Expect(422)["message"]!.GetValue<string>());
    }
}
