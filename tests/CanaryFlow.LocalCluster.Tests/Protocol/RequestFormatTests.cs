using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Media types and body size: Content-Type parameters, YAML bodies, 413, 415 and 406.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class RequestFormatTests(LocalClusterFixture cluster) : IAsyncLifetime
{
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await Namespaces.CreateAsync(cluster.Http, "format");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Content_type_parameters_such_as_charset_are_accepted()
    {
        var created = await cluster.Http.SendAsync(HttpMethod.Post, ConfigMaps.Path(_ns), ConfigMaps.Body("a"), "application/json; charset=utf-8");
        var patched = await cluster.Http.PatchAsync(ConfigMaps.Path(_ns, "a"), """{"data":{"k":"w"}}""", "application/merge-patch+json; charset=utf-8");
        var jsonPatched = await cluster.Http.PatchAsync(ConfigMaps.Path(_ns, "a"), """[{"op":"replace","path":"/data/k","value":"x"}]""", "application/json-patch+json; charset=utf-8");

        created.Expect(201);
        Assert.Equal("w", patched.Expect(200)["data"]!["k"]!.GetValue<string>());
        Assert.Equal("x", jsonPatched.Expect(200)["data"]!["k"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_yaml_body_is_accepted_on_create()
    {
        var created = await cluster.Http.SendAsync(HttpMethod.Post, ConfigMaps.Path(_ns), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\ndata:\n  k: v\n", "application/yaml");

        Assert.Equal("""{"k":"v"}""", created.Expect(201)["data"].Compact());
    }

    [Fact]
    public async Task A_body_over_3_MiB_is_413()
    {
        var big = new string('x', (3 * 1024 * 1024) + 1);

        var created = await cluster.Http.PostAsync(ConfigMaps.Path(_ns), ConfigMaps.Body("big", data: $$"""{"k":"{{big}}"}"""));

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Request entity too large: limit is 3145728","reason":"RequestEntityTooLarge","code":413}""",
            created.Expect(413).Compact());
    }

    [Fact]
    public async Task An_unsupported_content_type_is_415()
    {
        var created = await cluster.Http.SendAsync(HttpMethod.Post, ConfigMaps.Path(_ns), ConfigMaps.Body("a"), "text/plain");

        Assert.Equal("UnsupportedMediaType", created.Expect(415)["reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("text/html")]
    [InlineData("application/json;as=Table;v=v2;g=meta.k8s.io")]
    public async Task An_unsupported_accept_header_is_406(string accept)
    {
        var list = await cluster.Http.GetAcceptingAsync(ConfigMaps.Path(_ns), accept);

        var status = list.Expect(406);
        Assert.Equal("NotAcceptable", status["reason"]!.GetValue<string>());
        Assert.StartsWith("only the following media types are accepted: application/json", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_falls_back_along_the_list_to_plain_json()
    {
        var list = await cluster.Http.GetAcceptingAsync(ConfigMaps.Path(_ns), "application/xml, application/json;q=0.9");

        Assert.Equal("ConfigMapList", list.Expect(200)["kind"]!.GetValue<string>());
    }
}
