using System.Text.RegularExpressions;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// <c>kubectl get</c> of custom resources: the server's Table carries the CRD's printer columns, <c>-o wide</c> adds
/// the priority columns, and label and field selectors are evaluated by the server.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class CustomResourceGetTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Get_prints_the_printer_columns_of_the_crd()
    {
        var ns = await CreateWidgetsAsync();

        var table = await _kubectl.GetTableAsync("widgets", "-n", ns);

        Assert.Equal(["NAME", "SIZE", "COLOR", "AGE"], table.Columns);
        Assert.Equal(["large", "small"], table.Rows.Select(r => r["NAME"]).Order(StringComparer.Ordinal));
        Assert.Equal("3", table.Row("small")["SIZE"]);
        Assert.Equal("green", table.Row("small")["COLOR"]);
        Assert.Equal("7", table.Row("large")["SIZE"]);
        Assert.Equal("red", table.Row("large")["COLOR"]);
        Assert.Matches(new Regex(@"^\d+s$"), table.Row("small")["AGE"]);
    }

    [Fact]
    public async Task Wide_output_adds_the_priority_columns()
    {
        var ns = await CreateWidgetsAsync();

        var table = await _kubectl.GetTableAsync("wdg", "-n", ns, "-o", "wide");

        Assert.Equal(["NAME", "SIZE", "COLOR", "SHAPE", "AGE"], table.Columns);
        Assert.Equal("round", table.Row("small")["SHAPE"]);
        Assert.Equal("", table.Row("large")["SHAPE"]);
    }

    [Fact]
    public async Task Json_output_is_the_stored_object_with_defaults_applied()
    {
        var ns = await CreateWidgetsAsync();

        var widget = await _kubectl.GetJsonAsync("widget", "small", "-n", ns);

        Assert.Equal(Widgets.ApiVersion, (string?)widget["apiVersion"]);
        Assert.Equal("Widget", (string?)widget["kind"]);
        Assert.Equal(ns, (string?)widget["metadata"]!["namespace"]);
        Assert.Equal(1, (long?)widget["metadata"]!["generation"]);
        Assert.False(string.IsNullOrEmpty((string?)widget["metadata"]!["uid"]));
        Assert.Equal("""{"color":"green","shape":"round","size":3}""", widget["spec"]!.ToJsonString());
    }

    [Theory]
    [InlineData("tier=gold", "small")]
    [InlineData("tier in (silver,bronze)", "large")]
    [InlineData("!special", "small")]
    [InlineData("tier notin (gold)", "large")]
    public async Task Label_selectors_pick_the_matching_objects(string selector, string expected)
    {
        var ns = await CreateWidgetsAsync();

        var names = await _kubectl.JsonPathAsync("{.items[*].metadata.name}", "widgets", "-n", ns, "-l", selector);

        Assert.Equal(expected, names);
    }

    [Fact]
    public async Task Field_selector_on_the_name_picks_one_object()
    {
        var ns = await CreateWidgetsAsync();

        var table = await _kubectl.GetTableAsync("widgets", "-n", ns, "--field-selector", "metadata.name=large");

        Assert.Equal("large", Assert.Single(table.Rows)["NAME"]);
    }

    [Fact]
    public async Task Unsupported_field_selector_is_a_bad_request()
    {
        var ns = await CreateWidgetsAsync();

        var result = (await _kubectl.RunAsync("get", "widgets", "-n", ns, "--field-selector", "spec.color=red")).ShouldFail();

        Assert.Contains("field label not supported: spec.color", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paged_list_returns_every_object_once()
    {
        var ns = await CreateWidgetsAsync();

        var names = await _kubectl.JsonPathAsync("{.items[*].metadata.name}", "widgets", "-n", ns, "--chunk-size=1");

        Assert.Equal("large small", names);
    }

    public void Dispose() => _kubectl.Dispose();

    private async Task<string> CreateWidgetsAsync()
    {
        await Widgets.InstallAsync(_kubectl);
        var ns = await _kubectl.CreateNamespaceAsync("get");
        var manifests = Widgets.Widget(ns, "small", "{size: 3, shape: round}", "{tier: gold}")
            + "\n---\n" + Widgets.Widget(ns, "large", "{size: 7, color: red}", "{tier: silver, special: \"yes\"}");
        (await _kubectl.ApplyAsync(manifests)).ShouldSucceed();
        return ns;
    }
}
