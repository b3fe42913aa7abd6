using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>PUT and PATCH: name checks, generation rules per kind, and the status subresource's presence.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class UpdateTests(LocalClusterFixture cluster) : IAsyncLifetime
{
    private const string _group = "update.protocol.example.com";
    private const string _deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
         "spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"web:1"}]}}}}
        """;

    private string _ns = "";

    public async Task InitializeAsync()
    {
        _ns = await Namespaces.CreateAsync(cluster.Http, "update");
        await CustomResourceDefinitions.EnsureAsync(cluster.Http, CustomResourceDefinitions.Gadget(_group));
        await CustomResourceDefinitions.EnsureAsync(cluster.Http, CustomResourceDefinitions.Widget("bars.example.com"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Gadgets => $"/apis/{_group}/v1/namespaces/{_ns}/gadgets";

    private static long Generation(ApiResponse response) => response.Expect(200)["metadata"]!["generation"]!.GetValue<long>();

    [Fact]
    public async Task A_name_in_the_body_that_differs_from_the_url_is_400()
    {
        await ConfigMaps.CreateAsync(cluster.Http, _ns, "a");

        var updated = await cluster.Http.PutAsync(ConfigMaps.Path(_ns, "a"), ConfigMaps.Body("b"));

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the name of the object (b) does not match the name on the URL (a)","reason":"BadRequest","code":400}""",
            updated.Expect(400).Compact());
    }

    [Fact]
    public async Task Deployment_generation_moves_with_annotations()
    {
        (await cluster.Http.PostAsync($"/apis/apps/v1/namespaces/{_ns}/deployments", _deployment)).Expect(201);
        var path = $"/apis/apps/v1/namespaces/{_ns}/deployments/web";

        var annotated = await cluster.Http.PatchAsync(path, """{"metadata":{"annotations":{"note":"x"}}}""", "application/merge-patch+json");
        var labelled = await cluster.Http.PatchAsync(path, """{"metadata":{"labels":{"tier":"front"}}}""", "application/merge-patch+json");

        Assert.Equal(2, Generation(annotated));
        Assert.Equal(2, Generation(labelled));
    }

    [Fact]
    public async Task Custom_resource_generation_ignores_metadata_changes()
    {
        var widgets = $"/apis/bars.example.com/v1/namespaces/{_ns}/widgets";
        (await cluster.Http.PostAsync(widgets, """{"apiVersion":"bars.example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":1}}""")).Expect(201);

        var labelled = await cluster.Http.PatchAsync(widgets + "/w", """{"metadata":{"labels":{"tier":"gold"},"annotations":{"a":"b"}}}""", "application/merge-patch+json");
        var respecced = await cluster.Http.PatchAsync(widgets + "/w", """{"spec":{"size":2}}""", "application/merge-patch+json");

        Assert.Equal(1, Generation(labelled));
        Assert.Equal(2, Generation(respecced));
    }

    [Fact]
    public async Task Without_a_status_subresource_status_is_written_through_the_object_and_bumps_generation()
    {
        (await cluster.Http.PostAsync(Gadgets, """{"apiVersion":"update.protocol.example.com/v1","kind":"Gadget","metadata":{"name":"g"},"spec":{"size":1},"status":{"phase":"New"}}""")).Expect(201);

        var patched = await cluster.Http.PatchAsync(Gadgets + "/g", """{"status":{"phase":"Ready"}}""", "application/merge-patch+json");

        Assert.Equal(2, Generation(patched));
        Assert.Equal("Ready", patched.Body!["status"]!["phase"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("GET")]
    public async Task The_status_path_of_a_crd_without_the_subresource_is_a_Status_404(string method)
    {
        var created = (await cluster.Http.PostAsync(Gadgets, """{"apiVersion":"update.protocol.example.com/v1","kind":"Gadget","metadata":{"name":"g"},"spec":{"size":1}}""")).Expect(201);

        var response = method switch
        {
            "PUT" => await cluster.Http.PutAsync(Gadgets + "/g/status", created.Compact()),
            "PATCH" => await cluster.Http.PatchAsync(Gadgets + "/g/status", """{"status":{"phase":"Ready"}}""", "application/merge-patch+json"),
            _ => await cluster.Http.GetRawAsync(Gadgets + "/g/status"),
        };

        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"gadgets.update.protocol.example.com \"g\" not found","reason":"NotFound","details":{"name":"g","group":"update.protocol.example.com","kind":"gadgets"},"code":404}""",
            response.Expect(404).Compact());
    }

    [Fact]
    public async Task With_a_status_subresource_the_object_and_its_status_are_written_separately()
    {
        var widgets = $"/apis/bars.example.com/v1/namespaces/{_ns}/widgets";
        var created = (await cluster.Http.PostAsync(widgets, """{"apiVersion":"bars.example.com/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":1}}""")).Expect(201);
        var status = (await cluster.Http.PatchAsync(widgets + "/w/status", """{"status":{"conditions":[{"type":"Ready","status":"True"}]}}""", "application/merge-patch+json")).Expect(200);

        var main = created.DeepClone();
        main["metadata"]!["resourceVersion"] = status.ResourceVersion();
        main["spec"]!["size"] = 2;
        main["status"] = JsonNode.Parse("""{"conditions":[{"type":"Ready","status":"False"}]}""");
        var mainWrite = (await cluster.Http.PutAsync(widgets + "/w", main.Compact())).Expect(200);
        var statusBody = mainWrite.DeepClone();
        statusBody["spec"]!["size"] = 9;
        statusBody["status"] = JsonNode.Parse("""{"conditions":[{"type":"Ready","status":"Unknown"}]}""");
        var statusWrite = (await cluster.Http.PutAsync(widgets + "/w/status", statusBody.Compact())).Expect(200);
        var stale = await cluster.Http.PutAsync(widgets + "/w/status", statusBody.Compact());

        Assert.Equal((2, 2L, "True"), (mainWrite["spec"]!["size"]!.GetValue<int>(), mainWrite["metadata"]!["generation"]!.GetValue<long>(), mainWrite["status"]!["conditions"]![0]!["status"]!.GetValue<string>()));
        Assert.Equal((2, 2L, "Unknown"), (statusWrite["spec"]!["size"]!.GetValue<int>(), statusWrite["metadata"]!["generation"]!.GetValue<long>(), statusWrite["status"]!["conditions"]![0]!["status"]!.GetValue<string>()));
        Assert.Equal("Conflict", stale.Expect(409)["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_of_a_missing_object_is_404_and_put_does_not_create_a_custom_resource()
    {
        var patched = await cluster.Http.PatchAsync(Gadgets + "/nope", """{"spec":{"size":1}}""", "application/merge-patch+json");
        var put = await cluster.Http.PutAsync(Gadgets + "/nope", """{"apiVersion":"update.protocol.example.com/v1","kind":"Gadget","metadata":{"name":"nope","resourceVersion":"1"},"spec":{"size":1}}""");

        Assert.Equal("NotFound", patched.Expect(404)["reason"]!.GetValue<string>());
        Assert.Equal("NotFound", put.Expect(404)["reason"]!.GetValue<string>());
    }
}
