using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>List responses and the validation of list options.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ListTests(LocalClusterFixture cluster) : IAsyncLifetime
{
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await Namespaces.CreateAsync(cluster.Http, "list");

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Message(ApiResponse response, int status) => response.Expect(status)["message"]!.GetValue<string>();

    [Fact]
    public async Task Built_in_list_items_have_no_kind_or_apiVersion()
    {
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");

        var list = (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns))).Expect(200);

        Assert.Equal(["kind", "apiVersion", "metadata", "items"], list.AsObject().Select(p => p.Key));
        Assert.Equal(("ConfigMapList", "v1"), (list["kind"]!.GetValue<string>(), list["apiVersion"]!.GetValue<string>()));
        var item = list["items"]![0]!.AsObject();
        Assert.Equal(["metadata", "data"], item.Select(p => p.Key));
    }

    [Fact]
    public async Task Custom_resource_list_items_keep_kind_and_apiVersion()
    {
        await CustomResourceDefinitions.EnsureAsync(cluster.Http, CustomResourceDefinitions.Widget("bars.example.com"));
        (await cluster.Http.PostAsync($"/apis/bars.example.com/v1/namespaces/{_ns}/widgets", """{"apiVersion":"bars.example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":1}}""")).Expect(201);

        var list = (await cluster.Http.GetRawAsync($"/apis/bars.example.com/v1/namespaces/{_ns}/widgets")).Expect(200);

        Assert.Equal(["apiVersion", "kind", "metadata", "spec"], list["items"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal("Widget", list["items"]![0]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_empty_list_has_an_empty_items_array()
    {
        var list = await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns));

        list.Expect(200);
        Assert.Contains("\"items\":[]", await list.Response.TextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app=web", "a")]
    [InlineData("app==web", "a")]
    [InlineData("app!=web", "b,c")]
    [InlineData("app in (web,db)", "a,b")]
    [InlineData("app notin (web)", "b,c")]
    [InlineData("app", "a,b")]
    [InlineData("!app", "c")]
    [InlineData("app,tier=front", "a")]
    [InlineData("app in ()", "")]
    public async Task Label_selectors_support_every_operator(string selector, string expected)
    {
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a", """{"app":"web","tier":"front"}""");
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "b", """{"app":"db"}""");
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "c", """{"tier":"front"}""");

        var list = (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns) + "?labelSelector=" + Uri.EscapeDataString(selector))).Expect(200);

        Assert.Equal(expected, string.Join(',', list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Field_selectors_on_name_namespace_and_kind_specific_fields()
    {
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "b");

        var byName = (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns) + "?fieldSelector=" + Uri.EscapeDataString("metadata.name!=a"))).Expect(200);
        var byNamespace = (await cluster.Http.GetRawAsync("/api/v1/configmaps?fieldSelector=" + Uri.EscapeDataString($"metadata.namespace={_ns}"))).Expect(200);
        var secrets = (await cluster.Http.GetRawAsync($"/api/v1/namespaces/{_ns}/secrets?fieldSelector=type%3DOpaque")).Expect(200);

        Assert.Equal(["b"], byName["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal(["a", "b"], byNamespace["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        Assert.Empty(secrets["items"]!.AsArray());
    }

    [Theory]
    [InlineData("/api/v1/namespaces/{ns}/configmaps", "spec.foo")]
    [InlineData("/apis/bars.example.com/v1/namespaces/{ns}/widgets", "spec.size")]
    public async Task A_field_selector_on_an_unsupported_field_is_400(string path, string field)
    {
        await CustomResourceDefinitions.EnsureAsync(cluster.Http, CustomResourceDefinitions.Widget("bars.example.com"));

        var list = await cluster.Http.GetRawAsync(path.Replace("{ns}", _ns, StringComparison.Ordinal) + "?fieldSelector=" + Uri.EscapeDataString(field + "=x"));

        Assert.Equal(
            $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"field label not supported: {{field}}","reason":"BadRequest","code":400}""",
            list.Expect(400).Compact());
    }

    [Fact]
    public async Task Continue_with_a_resourceVersion_is_400_but_zero_is_tolerated()
    {
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "b");
        var first = (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns) + "?limit=1")).Expect(200);
        var token = Uri.EscapeDataString(first["metadata"]!["continue"]!.GetValue<string>());

        var withVersion = await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns) + $"?limit=1&continue={token}&resourceVersion={first.ResourceVersion()}");
        var withZero = await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns) + $"?limit=1&continue={token}&resourceVersion=0");

        Assert.Equal("specifying resource version is not allowed when using continue", Message(withVersion, 400));
        Assert.Equal("BadRequest", withVersion.Body!["reason"]!.GetValue<string>());
        Assert.Equal("b", withZero.Expect(200)["items"]![0]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Continue_with_resourceVersionMatch_is_422()
    {
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "b");
        var first = (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns) + "?limit=1")).Expect(200);

        var list = await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns) + "?limit=1&resourceVersionMatch=NotOlderThan&continue=" + Uri.EscapeDataString(first["metadata"]!["continue"]!.GetValue<string>()));

        Assert.Equal("""ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided""", Message(list, 422));
    }

    [Fact]
    public async Task A_malformed_continue_token_is_400()
    {
        var list = await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns) + "?limit=1&continue=not-a-token");

        Assert.StartsWith("invalid continue token: continue key is not valid", Message(list, 400), StringComparison.Ordinal);
        Assert.Equal("BadRequest", list.Body!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResourceVersionMatch_without_a_resourceVersion_is_422()
    {
        var list = await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns) + "?resourceVersionMatch=NotOlderThan");

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided","reason":"Invalid","details":{"group":"meta.k8s.io","kind":"ListOptions","causes":[{"reason":"FieldValueForbidden","message":"Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided","field":"resourceVersionMatch"}]},"code":422}""",
            list.Expect(422).Compact());
    }

    [Fact]
    public async Task Exact_match_on_resourceVersion_zero_is_422()
    {
        var list = await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns) + "?resourceVersion=0&resourceVersionMatch=Exact");

        Assert.Equal("""ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0" """.TrimEnd(), Message(list, 422));
    }

    [Theory]
    [InlineData("")]
    [InlineData("&watch=1")]
    public async Task A_non_numeric_resourceVersion_is_400(string watch)
    {
        var list = await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns) + "?resourceVersion=abc" + watch);

        Assert.StartsWith("invalid resource version: ", Message(list, 400), StringComparison.Ordinal);
        Assert.Equal("BadRequest", list.Body!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Exact_list_at_an_earlier_revision_of_a_paged_snapshot()
    {
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "b");
        var first = (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns) + "?limit=1")).Expect(200);
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "c");

        var exact = (await cluster.Http.GetRawAsync(ConfigMaps.Path(_ns) + $"?resourceVersion={first.ResourceVersion()}&resourceVersionMatch=Exact")).Expect(200);

        Assert.Equal(first.ResourceVersion(), exact.ResourceVersion());
        Assert.Equal(["a", "b"], exact["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
    }
}
