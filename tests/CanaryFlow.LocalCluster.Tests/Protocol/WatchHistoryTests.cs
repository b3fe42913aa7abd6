namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>
/// The bounded watch history (410 Expired in-stream) and broken connections. Each test has its own server:
/// compacting or dropping watches on the shared one would disturb other tests.
/// </summary>
public sealed class WatchHistoryTests
{
    [Fact]
    public async Task Watching_from_a_compacted_revision_is_an_in_stream_410()
    {
        await using var cluster = await DedicatedCluster.StartAsync();
        var first = await ConfigMaps.CreateAsync(cluster.Http, "default", "a");
        await ConfigMaps.CreateAsync(cluster.Http, "default", "b");
        cluster.Server.CompactWatchHistory();

        await using var watch = await WatchStream.OpenAsync(cluster.Http, ConfigMaps.Path("default") + "?watch=1&resourceVersion=" + first.ResourceVersion());

        Assert.Equal(200, watch.Status);
        var error = await watch.NextAsync();
        Assert.Equal("ERROR", error["type"]!.GetValue<string>());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
        Assert.Matches($@"^too old resource version: {first.ResourceVersion()} \(\d+\)$", error["object"]!["message"]!.GetValue<string>());
        Assert.Equal(WatchEnd.Clean, await watch.EndAsync());
    }

    [Fact]
    public async Task A_small_history_expires_old_revisions_but_serves_recent_ones()
    {
        await using var cluster = await DedicatedCluster.StartAsync(new LocalClusterOptions { SimulateWorkloads = false, WatchHistoryCapacity = 2 });
        var first = await ConfigMaps.CreateAsync(cluster.Http, "default", "a");
        await ConfigMaps.CreateAsync(cluster.Http, "default", "b");
        var third = await ConfigMaps.CreateAsync(cluster.Http, "default", "c");
        await ConfigMaps.CreateAsync(cluster.Http, "default", "d");

        await using var expired = await WatchStream.OpenAsync(cluster.Http, ConfigMaps.Path("default") + "?watch=1&resourceVersion=" + first.ResourceVersion());
        await using var recent = await WatchStream.OpenAsync(cluster.Http, ConfigMaps.Path("default") + "?watch=1&resourceVersion=" + third.ResourceVersion());

        Assert.Equal("ERROR", (await expired.NextAsync())["type"]!.GetValue<string>());
        Assert.Equal(WatchEnd.Clean, await expired.EndAsync());
        var replayed = await recent.NextAsync();
        Assert.Equal("ADDED", replayed["type"]!.GetValue<string>());
        Assert.Equal("d", replayed["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Dropping_watches_breaks_the_stream_instead_of_ending_it()
    {
        await using var cluster = await DedicatedCluster.StartAsync();
        await using var watch = await WatchStream.OpenAsync(cluster.Http, ConfigMaps.Path("default") + "?watch=1&resourceVersion=0");
        await ConfigMaps.CreateAsync(cluster.Http, "default", "a");
        Assert.Equal("ADDED", (await watch.NextAsync())["type"]!.GetValue<string>());

        cluster.Server.DropWatches();

        Assert.Equal(WatchEnd.Broken, await watch.EndAsync());
    }
}
