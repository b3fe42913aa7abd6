using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Finalizers and ownerReferences: what terminating objects accept, and when they finally go.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class FinalizerTests(LocalClusterFixture cluster) : IAsyncLifetime
{
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await Namespaces.CreateAsync(cluster.Http, "finalizer");

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<System.Text.Json.Nodes.JsonNode> TerminatingAsync(string finalizers)
    {
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a", finalizers: finalizers);
        return (await cluster.Http.DeleteRawAsync(ConfigMaps.Path(_ns, "a"))).Expect(200);
    }

    [Fact]
    public async Task Removing_the_last_finalizer_deletes_the_object_and_watchers_see_only_DELETED()
    {
        var terminating = await TerminatingAsync("""["example.com/a","example.com/b"]""");
        Assert.NotNull(terminating["metadata"]!["deletionTimestamp"]);
        await using var watch = await WatchStream.OpenAsync(cluster.Http, ConfigMaps.Path(_ns) + "?watch=1&resourceVersion=" + terminating.ResourceVersion());

        var one = (await cluster.Http.PatchAsync(ConfigMaps.Path(_ns, "a"), """{"metadata":{"finalizers":["example.com/b"]}}""", "application/merge-patch+json")).Expect(200);
        var last = (await cluster.Http.PatchAsync(ConfigMaps.Path(_ns, "a"), """{"metadata":{"finalizers":null}}""", "application/merge-patch+json")).Expect(200);
        var after = (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns))).Expect(200);

        Assert.Null(last["metadata"]!["finalizers"]);
        (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns, "a"))).Expect(404);
        var modified = await watch.NextAsync();
        Assert.Equal(("MODIFIED", one.ResourceVersion()), (modified["type"]!.GetValue<string>(), modified["object"].ResourceVersion()));
        var deleted = await watch.NextAsync();
        Assert.Equal("DELETED", deleted["type"]!.GetValue<string>());
        Assert.Equal("""["example.com/b"]""", deleted["object"]!["metadata"]!["finalizers"].Compact());
        Assert.InRange(deleted["object"].Revision(), one.Revision() + 1, after.Revision());
        await watch.AssertQuietAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task No_new_finalizers_may_be_added_while_terminating()
    {
        await TerminatingAsync("""["example.com/a"]""");

        var added = await cluster.Http.PatchAsync(ConfigMaps.Path(_ns, "a"), """{"metadata":{"finalizers":["example.com/a","example.com/b"]}}""", "application/merge-patch+json");

        var status = added.Expect(422);
        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
        Assert.Equal(
            """ConfigMap "a" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/b"}""",
            status["message"]!.GetValue<string>());
        Assert.Equal("metadata.finalizers", status["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_terminating_object_again_returns_it_unchanged()
    {
        var terminating = await TerminatingAsync("""["example.com/a"]""");

        var again = (await cluster.Http.DeleteRawAsync(ConfigMaps.Path(_ns, "a"))).Expect(200);

        Assert.Equal(terminating.Compact(), again.Compact());
    }

    [Fact]
    public async Task Two_controller_owner_references_are_422()
    {
        var created = await cluster.Http.PostAsync(ConfigMaps.Path(_ns), """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","ownerReferences":[
              {"apiVersion":"v1","kind":"ConfigMap","name":"x","uid":"11111111-1111-1111-1111-111111111111","controller":true},
              {"apiVersion":"v1","kind":"ConfigMap","name":"y","uid":"22222222-2222-2222-2222-222222222222","controller":true}]}}
            """);

        var status = created.Expect(422);
        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
        Assert.Contains("metadata.ownerReferences: Invalid value: ", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("Only one reference can have Controller set to true. Found \"true\" in references for ConfigMap/x and ConfigMap/y", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("metadata.ownerReferences", status["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }
}
