using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using CanaryFlow.LocalCluster.Tests.Schema;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Replays of the transcript's namespace and CRD exchanges: creation, discovery, and the two kinds of 404.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class TranscriptDefinitionTests(LocalClusterFixture cluster)
{
    private const string _group = "definitions.replay.example.com";

    [Fact]
    public async Task Namespace_create_matches_the_recording()
    {
        var name = UniqueNames.For("tx");

        var created = await cluster.Http.PostAsync("/api/v1/namespaces", RecordedExchanges.NamespaceRequest.Replace("\"tx\"", $"\"{name}\"", StringComparison.Ordinal));

        created.Expect(201);
        Assert.Equal("application/json", created.Response.Content.Headers.ContentType?.MediaType);
        TranscriptAssert.Equal(RecordedExchanges.NamespaceResponse, created.Body, name);
    }

    [Fact]
    public async Task Crd_create_returns_the_definition_with_generation_one()
    {
        var group = UniqueNames.For("crd") + ".replay.example.com";

        var created = await cluster.Http.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", CustomResourceDefinitions.Widget(group));

        created.Expect(201);
        var body = created.Body!;
        Assert.Equal("CustomResourceDefinition", body["kind"]!.GetValue<string>());
        Assert.Equal("apiextensions.k8s.io/v1", body["apiVersion"]!.GetValue<string>());
        Assert.Equal(["kind", "apiVersion", "metadata", "spec"], body.AsObject().Select(p => p.Key).Take(4));
        Assert.Equal($"widgets.{group}", body["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(1, body["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(group, body["spec"]!["group"]!.GetValue<string>());
        Assert.Equal(
            """{"plural":"widgets","singular":"widget","shortNames":["wg"],"kind":"Widget","listKind":"WidgetList"}""",
            body["spec"]!["names"]!.Compact());
        Assert.Equal("Namespaced", body["spec"]!["scope"]!.GetValue<string>());
        var version = body["spec"]!["versions"]![0]!;
        Assert.Equal(["name", "served", "storage", "schema"], version.AsObject().Select(p => p.Key).Take(4));
        // Compared by content: LocalCluster keeps JSONSchemaProps as a map (sorted keys), the real server in Go field order.
        var recordedSpecSchema = JsonNode.Parse("""{"type":"object","required":["size"],"properties":{"color":{"type":"string","default":"green","enum":["red","green","blue"]},"size":{"type":"integer","maximum":10,"minimum":1}}}""");
        var specSchema = version["schema"]!["openAPIV3Schema"]!["properties"]!["spec"];
        Assert.True(JsonNode.DeepEquals(recordedSpecSchema, specSchema), specSchema.Compact());
    }

    [Fact]
    public async Task Crd_group_version_discovery_lists_the_resource_and_its_status()
    {
        await CustomResourceDefinitions.EnsureAsync(cluster.Http, CustomResourceDefinitions.Widget(_group));

        var discovery = await cluster.Http.GetRawAsync($"/apis/{_group}/v1");

        discovery.Expect(200);
        // storageVersionHash is an opaque optional hash that LocalCluster does not compute.
        var recorded = JsonNode.Parse($$"""
            {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"{{_group}}/v1","resources":[
              {"name":"widgets","singularName":"widget","namespaced":true,"kind":"Widget",
               "verbs":["delete","deletecollection","get","list","patch","create","update","watch"],"shortNames":["wg"]},
              {"name":"widgets/status","singularName":"","namespaced":true,"kind":"Widget","verbs":["get","patch","update"]}]}
            """)!;
        Assert.Equal(recorded.Compact(), discovery.Body!.Compact());
    }

    [Fact]
    public async Task Missing_object_is_a_Status_404()
    {
        await CustomResourceDefinitions.EnsureAsync(cluster.Http, CustomResourceDefinitions.Widget(_group));
        var ns = await Namespaces.CreateAsync(cluster.Http, "tx");

        var missing = await cluster.Http.GetRawAsync($"/apis/{_group}/v1/namespaces/{ns}/widgets/nope");

        missing.Expect(404);
        Assert.Equal("application/json", missing.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"widgets.{{_group}} \"nope\" not found","reason":"NotFound","details":{"name":"nope","group":"{{_group}}","kind":"widgets"},"code":404}""",
            missing.Body!.Compact());
    }

    [Theory]
    [InlineData("/apis/{group}/v1/namespaces/{ns}/gadgets")]
    [InlineData("/apis/{group}/v2/namespaces/{ns}/widgets")]
    [InlineData("/apis/unknown.example.com/v1/namespaces/{ns}/widgets")]
    [InlineData("/api/v1/namespaces/{ns}/nothings/x")]
    [InlineData("/nonsense")]
    public async Task Unserved_type_is_a_plain_text_404(string template)
    {
        await CustomResourceDefinitions.EnsureAsync(cluster.Http, CustomResourceDefinitions.Widget(_group));

        var missing = await cluster.Http.GetRawAsync(template.Replace("{group}", _group, StringComparison.Ordinal).Replace("{ns}", "default", StringComparison.Ordinal));

        missing.Expect(404);
        Assert.Equal("text/plain; charset=utf-8", missing.Response.Content.Headers.ContentType?.ToString());
        Assert.Equal("404 page not found\n", await missing.Response.TextAsync());
    }
}
