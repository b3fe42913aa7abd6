using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// <c>kubectl patch</c> of a custom resource: JSON merge patch and JSON patch apply, a failing <c>test</c> op and a
/// strategic merge patch are refused, and a status patch changes only the status.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class PatchTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Merge_patch_changes_the_field_and_bumps_generation()
    {
        var ns = await CreateWidgetAsync();

        var result = (await _kubectl.RunAsync("patch", "widget", "w", "-n", ns, "--type", "merge", "-p", """{"spec":{"size":4,"shape":null}}""")).ShouldSucceed();

        Assert.Equal($"{Widgets.Resource}/w patched", result.Stdout.Trim());
        Assert.Equal("""{"color":"green","size":4} 2""", await _kubectl.JsonPathAsync("{.spec} {.metadata.generation}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Patch_that_changes_nothing_is_reported_as_no_change()
    {
        var ns = await CreateWidgetAsync();
        var before = await _kubectl.JsonPathAsync("{.metadata.resourceVersion}", "widget", "w", "-n", ns);

        var result = (await _kubectl.RunAsync("patch", "widget", "w", "-n", ns, "--type", "merge", "-p", """{"spec":{"size":3}}""")).ShouldSucceed();

        Assert.Equal($"{Widgets.Resource}/w patched (no change)", result.Stdout.Trim());
        Assert.Equal(before, await _kubectl.JsonPathAsync("{.metadata.resourceVersion}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Json_patch_applies_its_operations_in_order()
    {
        var ns = await CreateWidgetAsync();

        (await _kubectl.RunAsync("patch", "widget", "w", "-n", ns, "--type", "json", "-p",
            """[{"op":"test","path":"/spec/size","value":3},{"op":"replace","path":"/spec/size","value":6},{"op":"add","path":"/metadata/labels","value":{"patched":"json"}}]"""))
            .ShouldSucceed();

        Assert.Equal("6 json", await _kubectl.JsonPathAsync("{.spec.size} {.metadata.labels.patched}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Json_patch_with_a_failing_test_op_is_rejected_and_changes_nothing()
    {
        var ns = await CreateWidgetAsync();

        var result = (await _kubectl.RunAsync("patch", "widget", "w", "-n", ns, "--type", "json", "-p",
            """[{"op":"test","path":"/spec/size","value":99},{"op":"replace","path":"/spec/size","value":6}]""")).ShouldFail();

        Assert.Contains("the server rejected our request due to an error in our request", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("3", await _kubectl.JsonPathAsync("{.spec.size}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Strategic_merge_patch_of_a_custom_resource_is_unsupported_media_type()
    {
        var ns = await CreateWidgetAsync();

        var result = (await _kubectl.RunAsync("patch", "widget", "w", "-n", ns, "--type", "strategic", "-p", """{"spec":{"size":4}}""")).ShouldFail();

        Assert.Contains("application/strategic-merge-patch+json is not supported", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(
            "accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
            result.Stderr,
            StringComparison.Ordinal);
        Assert.Equal("3", await _kubectl.JsonPathAsync("{.spec.size}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Status_patch_ignores_the_spec_and_keeps_the_generation()
    {
        var ns = await CreateWidgetAsync();

        (await _kubectl.RunAsync("patch", "widget", "w", "-n", ns, "--subresource=status", "--type", "merge", "-p",
            """{"spec":{"size":9},"status":{"replicas":2,"conditions":[{"type":"Ready","status":"True"}]}}""")).ShouldSucceed();

        var widget = await _kubectl.GetJsonAsync("widget", "w", "-n", ns);
        Assert.Equal(3, (int?)widget["spec"]!["size"]);
        Assert.Equal(1, (long?)widget["metadata"]!["generation"]);
        Assert.Equal("""{"conditions":[{"status":"True","type":"Ready"}],"replicas":2}""", widget["status"]!.ToJsonString());
    }

    [Fact]
    public async Task Status_in_a_main_resource_patch_is_ignored()
    {
        var ns = await CreateWidgetAsync();

        (await _kubectl.RunAsync("patch", "widget", "w", "-n", ns, "--type", "merge", "-p", """{"status":{"replicas":5}}""")).ShouldSucceed();

        Assert.Equal("", await _kubectl.JsonPathAsync("{.status}", "widget", "w", "-n", ns));
    }

    public void Dispose() => _kubectl.Dispose();

    private async Task<string> CreateWidgetAsync()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("patch");
        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 3, shape: round}"))).ShouldSucceed();
        return ns;
    }
}
