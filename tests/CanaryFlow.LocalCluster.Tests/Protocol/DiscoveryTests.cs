using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Discovery documents and OpenAPI v3, and how a CRD's group-version comes and goes with the CRD.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class DiscoveryTests(LocalClusterFixture cluster)
{
    private static IEnumerable<string> Names(JsonNode? array, string property = "name") =>
        array!.AsArray().Select(e => e![property]!.GetValue<string>());

    private static JsonObject Resource(JsonNode list, string name) =>
        list["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == name)!.AsObject();

    [Fact]
    public async Task Core_versions_name_v1_and_the_server_address()
    {
        var api = (await cluster.Http.GetRawAsync("/api")).Expect(200);

        Assert.Equal(
            $$"""{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:{{cluster.Server.BaseUrl.Port}}"}]}""",
            api.Compact());
    }

    [Fact]
    public async Task Group_list_has_every_served_group_with_its_preferred_version()
    {
        var apis = (await cluster.Http.GetRawAsync("/apis")).Expect(200);

        Assert.Equal(["kind", "apiVersion", "groups"], apis.AsObject().Select(p => p.Key));
        Assert.Equal(("APIGroupList", "v1"), (apis["kind"]!.GetValue<string>(), apis["apiVersion"]!.GetValue<string>()));
        Assert.Superset(
            new HashSet<string> { "apps", "events.k8s.io", "coordination.k8s.io", "apiextensions.k8s.io" },
            Names(apis["groups"]).ToHashSet());
        var apps = apis["groups"]!.AsArray().Single(g => g!["name"]!.GetValue<string>() == "apps");
        Assert.Equal(
            """{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}""",
            apps.Compact());
    }

    [Fact]
    public async Task A_group_document_is_an_APIGroup()
    {
        var group = (await cluster.Http.GetRawAsync("/apis/coordination.k8s.io")).Expect(200);

        Assert.Equal(
            """{"kind":"APIGroup","apiVersion":"v1","name":"coordination.k8s.io","versions":[{"groupVersion":"coordination.k8s.io/v1","version":"v1"}],"preferredVersion":{"groupVersion":"coordination.k8s.io/v1","version":"v1"}}""",
            group.Compact());
    }

    [Fact]
    public async Task Core_resource_list_has_no_apiVersion_and_lists_the_verbs_of_each_resource()
    {
        var core = (await cluster.Http.GetRawAsync("/api/v1")).Expect(200);

        Assert.Equal(["kind", "groupVersion", "resources"], core.AsObject().Select(p => p.Key));
        Assert.Superset(new HashSet<string> { "namespaces", "configmaps", "secrets", "services", "pods", "events" }, Names(core["resources"]).ToHashSet());
        var configMaps = Resource(core, "configmaps");
        Assert.Equal(["name", "singularName", "namespaced", "kind", "verbs", "shortNames"], configMaps.Select(p => p.Key));
        Assert.Equal("""["create","delete","deletecollection","get","list","patch","update","watch"]""", configMaps["verbs"].Compact());
        Assert.Equal("""["create","delete","get","list","patch","update","watch"]""", Resource(core, "namespaces")["verbs"].Compact());
        Assert.False(Resource(core, "namespaces")["namespaced"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Apps_resource_list_has_the_status_and_scale_subresources_as_recorded()
    {
        var apps = (await cluster.Http.GetRawAsync("/apis/apps/v1")).Expect(200);

        Assert.Equal(("APIResourceList", "v1", "apps/v1"), (apps["kind"]!.GetValue<string>(), apps["apiVersion"]!.GetValue<string>(), apps["groupVersion"]!.GetValue<string>()));
        Assert.Equal(
            """{"name":"deployments/scale","singularName":"","namespaced":true,"group":"autoscaling","version":"v1","kind":"Scale","verbs":["get","patch","update"]}""",
            Resource(apps, "deployments/scale").Compact());
        Assert.Equal(
            """{"name":"replicasets/status","singularName":"","namespaced":true,"kind":"ReplicaSet","verbs":["get","patch","update"]}""",
            Resource(apps, "replicasets/status").Compact());
        var deployments = Resource(apps, "deployments");
        Assert.Equal("""["deploy"]""", deployments["shortNames"].Compact());
        Assert.Equal("""["all"]""", deployments["categories"].Compact());
    }

    [Fact]
    public async Task A_crd_group_version_is_served_from_creation_until_deletion()
    {
        var group = UniqueNames.For("disco") + ".protocol.example.com";
        var ns = await Namespaces.CreateAsync(cluster.Http, "disco");
        var crdPath = $"/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.{group}";

        (await cluster.Http.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", CustomResourceDefinitions.Widget(group))).Expect(201);
        (await cluster.Http.PostAsync($"/apis/{group}/v1/namespaces/{ns}/widgets", $$$"""{"apiVersion":"{{{group}}}/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"size":1}}""")).Expect(201);
        var groups = (await cluster.Http.GetRawAsync("/apis")).Expect(200);
        (await cluster.Http.GetRawAsync($"/apis/{group}")).Expect(200);
        (await cluster.Http.GetRawAsync($"/apis/{group}/v1")).Expect(200);
        var openApiRoot = (await cluster.Http.GetRawAsync("/openapi/v3")).Expect(200);

        Assert.Contains(group, Names(groups["groups"]));
        var documentUrl = openApiRoot["paths"]![$"apis/{group}/v1"]!["serverRelativeURL"]!.GetValue<string>();
        Assert.StartsWith($"/openapi/v3/apis/{group}/v1?hash=", documentUrl, StringComparison.Ordinal);
        (await cluster.Http.GetRawAsync(documentUrl)).Expect(200);

        (await cluster.Http.DeleteRawAsync(crdPath)).Expect(200);

        Assert.DoesNotContain(group, Names((await cluster.Http.GetRawAsync("/apis")).Expect(200)["groups"]));
        Assert.Null((await cluster.Http.GetRawAsync("/openapi/v3")).Expect(200)["paths"]![$"apis/{group}/v1"]);
        foreach (var gone in new[] { $"/apis/{group}", $"/apis/{group}/v1", $"/apis/{group}/v1/namespaces/{ns}/widgets", $"/openapi/v3/apis/{group}/v1" })
        {
            var response = await cluster.Http.GetRawAsync(gone);
            Assert.Equal((404, "404 page not found\n"), (response.Status, await response.Response.TextAsync()));
        }

        // Deleting a CRD deletes its objects: defining it again finds none.
        (await cluster.Http.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", CustomResourceDefinitions.Widget(group))).Expect(201);
        await Eventually.UntilAsync(
            () => cluster.Http.GetRawAsync($"/apis/{group}/v1/namespaces/{ns}/widgets"),
            r => r.Expect(200)["items"]!.AsArray().Count == 0,
            "the old custom resources to be gone");
        (await cluster.Http.DeleteRawAsync(crdPath)).Expect(200);
    }

    [Fact]
    public async Task The_crd_openapi_document_declares_fieldValidation_and_the_group_version_kind()
    {
        var group = UniqueNames.For("openapi") + ".protocol.example.com";
        (await cluster.Http.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", CustomResourceDefinitions.Widget(group))).Expect(201);

        var document = (await cluster.Http.GetRawAsync($"/openapi/v3/apis/{group}/v1")).Expect(200);

        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var gvk = $$"""{"group":"{{group}}","version":"v1","kind":"Widget"}""";
        var item = document["paths"]![$"/apis/{group}/v1/namespaces/{{namespace}}/widgets/{{name}}"]!;
        foreach (var operation in new[] { item["patch"]!, item["put"]!, document["paths"]![$"/apis/{group}/v1/namespaces/{{namespace}}/widgets"]!["post"]! })
        {
            Assert.Contains(operation["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fieldValidation" && p["in"]!.GetValue<string>() == "query");
            Assert.Equal(gvk, operation["x-kubernetes-group-version-kind"].Compact());
        }

        Assert.Equal(
            ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"],
            item["patch"]!["requestBody"]!["content"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.NotNull(document["paths"]![$"/apis/{group}/v1/namespaces/{{namespace}}/widgets/{{name}}/status"]!["patch"]);
        var schema = document["components"]!["schemas"]![$"{string.Join('.', group.Split('.').Reverse())}.v1.Widget"]!;
        Assert.Equal($$"""[{"group":"{{group}}","kind":"Widget","version":"v1"}]""", schema["x-kubernetes-group-version-kind"].Compact());
        Assert.Equal("""["size"]""", schema["properties"]!["spec"]!["required"].Compact());
        (await cluster.Http.DeleteRawAsync($"/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.{group}")).Expect(200);
    }
}
