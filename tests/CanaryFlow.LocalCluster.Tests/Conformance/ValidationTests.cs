using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// What kubectl shows when the server refuses an object: 422 causes naming each invalid field, and under
/// kubectl's default <c>--validate=strict</c> a 400 naming an unknown field, which <c>--validate=false</c> prunes silently.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ValidationTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Invalid_custom_resource_is_rejected_with_every_field_named()
    {
        var ns = await CreateNamespaceWithWidgetsAsync();

        var result = (await _kubectl.ApplyAsync(Widgets.Widget(ns, "bad", "{size: 42, color: purple}"))).ShouldFail();

        Assert.Contains("The Widget \"bad\" is invalid:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("* spec.color: Unsupported value: \"purple\": supported values: \"red\", \"green\", \"blue\"", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("* spec.size: Invalid value: 42: spec.size in body should be less than or equal to 10", result.Stderr, StringComparison.Ordinal);
        (await _kubectl.RunAsync("get", "widget", "bad", "-n", ns)).ShouldFail();
    }

    [Fact]
    public async Task Missing_required_field_is_named()
    {
        var ns = await CreateNamespaceWithWidgetsAsync();

        var result = (await _kubectl.ApplyAsync(Widgets.Widget(ns, "bad", "{color: red}"))).ShouldFail();

        Assert.Contains("The Widget \"bad\" is invalid: spec.size: Required value", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_patch_result_is_rejected_and_the_object_kept()
    {
        var ns = await CreateNamespaceWithWidgetsAsync();
        (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 2}"))).ShouldSucceed();

        var result = (await _kubectl.RunAsync("patch", "widget", "w", "-n", ns, "--type", "merge", "-p", """{"spec":{"size":0}}""")).ShouldFail();

        Assert.Contains("spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("2", await _kubectl.JsonPathAsync("{.spec.size}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Unknown_field_is_an_error_under_strict_validation()
    {
        var ns = await CreateNamespaceWithWidgetsAsync();

        var result = (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 2, bogus: 1}"))).ShouldFail();

        Assert.Contains("strict decoding error: unknown field \"spec.bogus\"", result.Stderr, StringComparison.Ordinal);
        (await _kubectl.RunAsync("get", "widget", "w", "-n", ns)).ShouldFail();
    }

    [Fact]
    public async Task Unknown_field_is_pruned_silently_without_validation()
    {
        var ns = await CreateNamespaceWithWidgetsAsync();

        var result = (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 2, bogus: 1}"), "--validate=false")).ShouldSucceed();

        Assert.Equal("", result.Stderr);
        Assert.Equal("""{"color":"green","size":2}""", await _kubectl.JsonPathAsync("{.spec}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Unknown_field_is_a_warning_under_warn_validation()
    {
        var ns = await CreateNamespaceWithWidgetsAsync();

        var result = (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 2, bogus: 1}"), "--validate=warn")).ShouldSucceed();

        Assert.Contains("Warning: unknown field \"spec.bogus\"", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("""{"color":"green","size":2}""", await _kubectl.JsonPathAsync("{.spec}", "widget", "w", "-n", ns));
    }

    [Fact]
    public async Task Unknown_field_of_a_built_in_kind_is_an_error_under_strict_validation_and_pruned_without()
    {
        var ns = await _kubectl.CreateNamespaceAsync("valid");
        var configMap = $"""
            apiVersion: v1
            kind: ConfigMap
            metadata: {"{"}name: c, namespace: {ns}{"}"}
            data: {"{"}a: "1"{"}"}
            bogus: 1
            """;

        var strict = (await _kubectl.ApplyAsync(configMap)).ShouldFail();
        (await _kubectl.ApplyAsync(configMap, "--validate=false")).ShouldSucceed();

        Assert.Contains("strict decoding error: unknown field \"bogus\"", strict.Stderr, StringComparison.Ordinal);
        var stored = await _kubectl.GetJsonAsync("configmap", "c", "-n", ns);
        Assert.False(stored.AsObject().ContainsKey("bogus"));
        Assert.Equal("""{"a":"1"}""", stored["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Server_side_dry_run_validates_without_storing()
    {
        var ns = await CreateNamespaceWithWidgetsAsync();

        var valid = (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 2}"), "--dry-run=server")).ShouldSucceed();
        var invalid = (await _kubectl.ApplyAsync(Widgets.Widget(ns, "w", "{size: 20}"), "--dry-run=server")).ShouldFail();

        Assert.Equal($"{Widgets.Resource}/w created (server dry run)", valid.Stdout.Trim());
        Assert.Contains("spec.size: Invalid value: 20", invalid.Stderr, StringComparison.Ordinal);
        Assert.Contains("NotFound", (await _kubectl.RunAsync("get", "widget", "w", "-n", ns)).ShouldFail().Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _kubectl.Dispose();

    private async Task<string> CreateNamespaceWithWidgetsAsync()
    {
        await Widgets.InstallAsync(_kubectl);
        return await _kubectl.CreateNamespaceAsync("valid");
    }
}
