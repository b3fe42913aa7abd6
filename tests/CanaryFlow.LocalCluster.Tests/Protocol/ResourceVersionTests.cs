using System.Globalization;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>resourceVersion: one global, strictly increasing decimal counter; lists read at a revision; no-ops are free.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ResourceVersionTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task Every_write_to_any_resource_takes_the_next_revision_of_one_counter()
    {
        var ns = await Namespaces.CreateAsync(cluster.Http, "rv");
        await CustomResourceDefinitions.EnsureAsync(cluster.Http, CustomResourceDefinitions.Widget("bars.example.com"));

        var writes = new[]
        {
            (await cluster.Http.PostAsync(ConfigMaps.Path(ns), ConfigMaps.Body("a"))).Expect(201),
            (await cluster.Http.PostAsync($"/api/v1/namespaces/{ns}/secrets", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"stringData":{"k":"v"}}""")).Expect(201),
            (await cluster.Http.PostAsync($"/apis/bars.example.com/v1/namespaces/{ns}/widgets", """{"apiVersion":"bars.example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":1}}""")).Expect(201),
            (await cluster.Http.PatchAsync(ConfigMaps.Path(ns, "a"), """{"data":{"k":"w"}}""", "application/merge-patch+json")).Expect(200),
            (await cluster.Http.PostAsync($"/apis/coordination.k8s.io/v1/namespaces/{ns}/leases", """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"l"},"spec":{}}""")).Expect(201),
        };

        Assert.All(writes, w => Assert.Matches("^[1-9][0-9]*$", w.ResourceVersion()));
        var revisions = writes.Select(w => w.Revision()).ToList();
        Assert.Equal(revisions.Order(), revisions);
        Assert.Equal(revisions.Count, revisions.Distinct().Count());
    }

    [Fact]
    public async Task Revisions_start_well_above_one()
    {
        var defaultNamespace = (await cluster.Http.GetRawAsync("/api/v1/namespaces/default")).Expect(200);

        Assert.True(defaultNamespace.Revision() >= 1000, defaultNamespace.ResourceVersion());
    }

    [Fact]
    public async Task A_list_reports_the_store_revision_it_was_read_at_not_its_newest_item()
    {
        var ns = await Namespaces.CreateAsync(cluster.Http, "rv");
        var configMap = await ConfigMaps.CreateAsync(cluster.Http, ns, "a");
        var secret = (await cluster.Http.PostAsync($"/api/v1/namespaces/{ns}/secrets", """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"}}""")).Expect(201);

        var list = (await cluster.Http.GetRawAsync(ConfigMaps.Path(ns))).Expect(200);

        Assert.Equal(configMap.ResourceVersion(), list["items"]![0].ResourceVersion());
        Assert.True(list.Revision() >= secret.Revision(), $"list {list.ResourceVersion()} < secret {secret.ResourceVersion()}");
    }

    [Fact]
    public async Task A_no_op_update_keeps_the_resourceVersion_and_emits_no_watch_event()
    {
        var ns = await Namespaces.CreateAsync(cluster.Http, "rv");
        var created = await ConfigMaps.CreateAsync(cluster.Http, ns, "a");
        await using var watch = await WatchStream.OpenAsync(cluster.Http, ConfigMaps.Path(ns) + "?watch=1&resourceVersion=" + created.ResourceVersion());

        var put = (await cluster.Http.PutAsync(ConfigMaps.Path(ns, "a"), created.Compact())).Expect(200);
        var patch = (await cluster.Http.PatchAsync(ConfigMaps.Path(ns, "a"), """{"data":{"k":"v"}}""", "application/merge-patch+json")).Expect(200);
        var unconditional = (await cluster.Http.PutAsync(ConfigMaps.Path(ns, "a"), ConfigMaps.Body("a"))).Expect(200);
        await watch.AssertQuietAsync(TimeSpan.FromMilliseconds(200));
        var changed = (await cluster.Http.PatchAsync(ConfigMaps.Path(ns, "a"), """{"data":{"k":"changed"}}""", "application/merge-patch+json")).Expect(200);

        Assert.All(new[] { put, patch, unconditional }, r => Assert.Equal(created.ResourceVersion(), r.ResourceVersion()));
        Assert.Equal(created.Compact(), put.Compact());
        var modified = await watch.NextAsync();
        Assert.Equal("MODIFIED", modified["type"]!.GetValue<string>());
        Assert.Equal(changed.ResourceVersion(), modified["object"].ResourceVersion());
        Assert.True(changed.Revision() > long.Parse(created.ResourceVersion(), CultureInfo.InvariantCulture));
    }
}
