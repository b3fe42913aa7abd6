using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Replays of the transcript's finalizer and delete exchanges.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class TranscriptWidgetDeletionTests(LocalClusterFixture cluster) : IAsyncLifetime
{
    private const string _group = "bars.example.com";
    private string _ns = "";

    private string Widgets => $"/apis/{_group}/v1/namespaces/{_ns}/widgets";

    public async Task InitializeAsync()
    {
        await CustomResourceDefinitions.EnsureAsync(cluster.Http, CustomResourceDefinitions.Widget(_group));
        _ns = await Namespaces.CreateAsync(cluster.Http, "tx");
        var created = await cluster.Http.PostAsync(Widgets, """{"apiVersion":"bars.example.com/v1","kind":"Widget","metadata":{"name":"w1","labels":{"tier":"gold"}},"spec":{"size":5}}""");
        created.Expect(201);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task AddFinalizerAsync()
    {
        var patched = await cluster.Http.PatchAsync(Widgets + "/w1", """{"metadata": {"finalizers": ["bars.example.com/hold"]}}""", "application/merge-patch+json");
        patched.Expect(200);
    }

    [Fact]
    public async Task Adding_a_finalizer_keeps_generation()
    {
        var patched = await cluster.Http.PatchAsync(Widgets + "/w1", """{"metadata": {"finalizers": ["bars.example.com/hold"]}}""", "application/merge-patch+json");

        patched.Expect(200);
        TranscriptAssert.Equal("""
            {"apiVersion": "bars.example.com/v1", "kind": "Widget", "metadata": {"creationTimestamp": "2026-11-22T08:20:51Z", "finalizers": ["bars.example.com/hold"], "generation": 1, "labels": {"tier": "gold"}, "name": "w1", "namespace": "tx", "resourceVersion": "480", "uid": "bdb78df4-c3eb-49a8-8295-f1df9e1f1506"}, "spec": {"color": "green", "size": 5}}
            """, patched.Body, _ns);
    }

    [Fact]
    public async Task Delete_with_a_finalizer_pending_returns_the_object_with_deletionTimestamp_and_bumped_generation()
    {
        await AddFinalizerAsync();

        var deleted = await cluster.Http.DeleteRawAsync(Widgets + "/w1");

        deleted.Expect(200);
        TranscriptAssert.Equal("""
            {"apiVersion": "bars.example.com/v1", "kind": "Widget", "metadata": {"creationTimestamp": "2026-11-22T08:20:51Z", "deletionGracePeriodSeconds": 0, "deletionTimestamp": "2026-11-22T08:20:55Z", "finalizers": ["bars.example.com/hold"], "generation": 2, "labels": {"tier": "gold"}, "name": "w1", "namespace": "tx", "resourceVersion": "481", "uid": "bdb78df4-c3eb-49a8-8295-f1df9e1f1506"}, "spec": {"color": "green", "size": 5}}
            """, deleted.Body, _ns);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", deleted.Body!["metadata"]!["deletionTimestamp"]!.GetValue<string>());
        var stored = await cluster.Http.GetRawAsync(Widgets + "/w1");
        Assert.Equal(deleted.Body!.Compact(), stored.Body!.Compact());
    }

    [Fact]
    public async Task Delete_of_a_missing_object_is_404()
    {
        var deleted = await cluster.Http.DeleteRawAsync(Widgets + "/nope");

        deleted.Expect(404);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"widgets.bars.example.com \"nope\" not found","reason":"NotFound","details":{"name":"nope","group":"bars.example.com","kind":"widgets"},"code":404}""",
            deleted.Body!.Compact());
    }
}
