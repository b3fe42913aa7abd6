using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// What kubectl learns from discovery and OpenAPI: which resources exist (built-in and from CRDs, with short
/// names), that an unknown kind is reported as such, that a new CRD is found on the next call, and field docs for explain.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class DiscoveryTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Get_of_a_kind_the_server_does_not_serve_is_reported_as_unknown()
    {
        var result = (await _kubectl.RunAsync("get", "flibbertigibbets")).ShouldFail();

        Assert.Contains("the server doesn't have a resource type \"flibbertigibbets\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crd_created_a_moment_ago_is_found_on_the_next_call()
    {
        // A kind no earlier call can have put in this kubectl's discovery cache.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var plural = $"gizmos{suffix}";
        (await _kubectl.RunAsync("get", plural)).ShouldFail();

        (await _kubectl.ApplyAsync($$"""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: {{plural}}.{{Widgets.Group}}}
            spec:
              group: {{Widgets.Group}}
              scope: Namespaced
              names: {plural: {{plural}}, kind: Gizmo{{suffix}}}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
            """)).ShouldSucceed();

        var result = (await _kubectl.RunAsync("get", plural, "-A")).ShouldSucceed();
        Assert.Equal("No resources found", result.Stderr.Trim());
    }

    [Fact]
    public async Task Api_resources_lists_built_ins_and_crd_resources_with_short_names()
    {
        await Widgets.InstallAsync(_kubectl);

        var table = PrintedTable.Parse((await _kubectl.RunAsync("api-resources")).ShouldSucceed().Stdout);

        Assert.Equal(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"], table.Columns);
        var resources = table.Rows.Select(r => $"{r["NAME"]} {r["SHORTNAMES"]} {r["APIVERSION"]} {r["NAMESPACED"]} {r["KIND"]}").ToList();
        Assert.Contains("namespaces ns v1 false Namespace", resources);
        Assert.Contains("pods po v1 true Pod", resources);
        Assert.Contains("services svc v1 true Service", resources);
        Assert.Contains("deployments deploy apps/v1 true Deployment", resources);
        Assert.Contains("replicasets rs apps/v1 true ReplicaSet", resources);
        Assert.Contains("customresourcedefinitions crd,crds apiextensions.k8s.io/v1 false CustomResourceDefinition", resources);
        Assert.Contains($"widgets wdg {Widgets.ApiVersion} true Widget", resources);
    }

    [Fact]
    public async Task Api_resources_of_a_group_shows_the_verbs()
    {
        await Widgets.InstallAsync(_kubectl);

        var table = PrintedTable.Parse((await _kubectl.RunAsync("api-resources", $"--api-group={Widgets.Group}", "-o", "wide")).ShouldSucceed().Stdout);

        var widgets = table.Row("widgets");
        // The order the real server lists a custom resource's verbs in (transcript: CRD group-version discovery).
        Assert.Equal("delete,deletecollection,get,list,patch,create,update,watch", widgets["VERBS"]);
    }

    [Fact]
    public async Task Explain_of_a_crd_field_shows_its_type_and_description()
    {
        await Widgets.InstallAsync(_kubectl);

        var result = (await _kubectl.RunAsync("explain", "widgets.spec.size")).ShouldSucceed();

        Assert.Contains($"GROUP:      {Widgets.Group}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("KIND:       Widget", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("FIELD: size <integer>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("How big the widget is.", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_of_a_crd_object_lists_its_fields_with_types()
    {
        await Widgets.InstallAsync(_kubectl);

        var result = (await _kubectl.RunAsync("explain", "wdg.spec")).ShouldSucceed();

        Assert.Matches(@"color\s+<string>", result.Stdout);
        Assert.Matches(@"size\s+<integer> -required-", result.Stdout);
    }

    [Fact]
    public async Task Explain_of_a_built_in_field_shows_its_type()
    {
        var result = (await _kubectl.RunAsync("explain", "deployment.spec.replicas")).ShouldSucceed();

        Assert.Contains("FIELD: replicas <integer>", result.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => _kubectl.Dispose();
}
