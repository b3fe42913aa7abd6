using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Server-side apply: its options, create-on-apply, and field-manager conflicts.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ApplyTests(LocalClusterFixture cluster) : IAsyncLifetime
{
    private const string _applyPatch = "application/apply-patch+yaml";
    private string _ns = "";

    public async Task InitializeAsync()
    {
        _ns = await Namespaces.CreateAsync(cluster.Http, "apply");
        await CustomResourceDefinitions.EnsureAsync(cluster.Http, CustomResourceDefinitions.Widget("bars.example.com"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Widget => $"/apis/bars.example.com/v1/namespaces/{_ns}/widgets/w";

    private static string WidgetConfig(int size, string color) =>
        $$$"""{"apiVersion":"bars.example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":{{{size}}},"color":"{{{color}}}"}}""";

    [Fact]
    public async Task Apply_without_a_field_manager_is_422()
    {
        var applied = await cluster.Http.PatchAsync(Widget, WidgetConfig(1, "red"), _applyPatch);

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch","reason":"Invalid","details":{"group":"meta.k8s.io","kind":"PatchOptions","causes":[{"reason":"FieldValueRequired","message":"Required value: is required for apply patch","field":"fieldManager"}]},"code":422}""",
            applied.Expect(422).Compact());
    }

    [Fact]
    public async Task Force_on_a_non_apply_patch_is_422()
    {
        var patched = await cluster.Http.PatchAsync(Widget + "?force=true", """{"spec":{"size":2}}""", "application/merge-patch+json");

        Assert.Equal(
            """PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch""",
            patched.Expect(422)["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_creates_a_missing_object()
    {
        var applied = await cluster.Http.PatchAsync(Widget + "?fieldManager=alice", WidgetConfig(1, "red"), _applyPatch);

        var created = applied.Expect(201);
        Assert.Equal("""{"color":"red","size":1}""", created["spec"].Compact());
        Assert.Equal(1, created["metadata"]!["generation"]!.GetValue<long>());
        (await cluster.Http.GetRawAsync(Widget)).Expect(200);
    }

    [Fact]
    public async Task Applying_a_field_another_manager_owns_is_a_409_until_forced()
    {
        (await cluster.Http.PatchAsync(Widget + "?fieldManager=alice", WidgetConfig(1, "red"), _applyPatch)).Expect(201);

        var conflict = await cluster.Http.PatchAsync(Widget + "?fieldManager=bob", WidgetConfig(2, "red"), _applyPatch);
        var forced = await cluster.Http.PatchAsync(Widget + "?fieldManager=bob&force=true", WidgetConfig(2, "red"), _applyPatch);
        var back = await cluster.Http.PatchAsync(Widget + "?fieldManager=alice", WidgetConfig(1, "red"), _applyPatch);

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Apply failed with 1 conflict: conflict with \"alice\": .spec.size","reason":"Conflict","details":{"causes":[{"reason":"FieldManagerConflict","message":"conflict with \"alice\"","field":".spec.size"}]},"code":409}""",
            conflict.Expect(409).Compact());
        Assert.Equal(2, forced.Expect(200)["spec"]!["size"]!.GetValue<int>());
        Assert.Equal(".spec.size", back.Expect(409)["details"]!["causes"]![0]!["field"]!.GetValue<string>());
        Assert.Equal("conflict with \"bob\"", back.Body!["details"]!["causes"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Applying_the_same_value_as_another_manager_is_shared_ownership_not_a_conflict()
    {
        (await cluster.Http.PatchAsync(Widget + "?fieldManager=alice", WidgetConfig(1, "red"), _applyPatch)).Expect(201);

        var shared = await cluster.Http.PatchAsync(Widget + "?fieldManager=bob", WidgetConfig(1, "red"), _applyPatch);

        shared.Expect(200);
    }

    [Fact]
    public async Task A_conflict_with_an_update_names_the_api_version_it_was_made_with()
    {
        (await cluster.Http.PatchAsync(Widget + "?fieldManager=alice", WidgetConfig(1, "red"), _applyPatch)).Expect(201);
        (await cluster.Http.PatchAsync(Widget + "?fieldManager=editor", """{"spec":{"color":"blue"}}""", "application/merge-patch+json")).Expect(200);

        var conflict = await cluster.Http.PatchAsync(Widget + "?fieldManager=alice", WidgetConfig(1, "red"), _applyPatch);

        var cause = conflict.Expect(409)["details"]!["causes"]![0]!;
        Assert.Equal(".spec.color", cause["field"]!.GetValue<string>());
        Assert.StartsWith("conflict with \"editor\" using bars.example.com/v1", cause["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
