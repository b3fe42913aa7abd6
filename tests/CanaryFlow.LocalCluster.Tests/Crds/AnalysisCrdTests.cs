using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.LocalCluster.Tests.Conformance;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Crds;

/// <summary>
/// crds/analysistemplate.yaml, crds/clusteranalysistemplate.yaml and crds/analysisrun.yaml through the real kubectl:
/// <c>kubectl apply -k crds/</c> installs them, every documented field is stored as written, <c>kubectl get</c>
/// shows the printer columns under the short names, and the controller's status writes go through the status
/// subresource.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed partial class AnalysisCrdTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Crds_are_established_with_their_short_names_and_a_second_apply_is_unchanged()
    {
        await AnalysisManifests.InstallAsync(_kubectl);

        var again = (await _kubectl.RunAsync("apply", "-k", AnalysisManifests.CrdDirectory)).ShouldSucceed();

        Assert.Equal(
            [
                $"customresourcedefinition.apiextensions.k8s.io/{AnalysisManifests.RunCrd} unchanged",
                $"customresourcedefinition.apiextensions.k8s.io/{AnalysisManifests.TemplateCrd} unchanged",
                $"customresourcedefinition.apiextensions.k8s.io/{AnalysisManifests.ClusterTemplateCrd} unchanged",
                $"customresourcedefinition.apiextensions.k8s.io/{RolloutManifests.CrdName} unchanged",
            ],
            again.Stdout.Trim().Split('\n'));
        Assert.Equal("cfat", await _kubectl.JsonPathAsync("{.status.acceptedNames.shortNames[*]}", "crd", AnalysisManifests.TemplateCrd));
        Assert.Equal("cfcat", await _kubectl.JsonPathAsync("{.status.acceptedNames.shortNames[*]}", "crd", AnalysisManifests.ClusterTemplateCrd));
        Assert.Equal("cfar", await _kubectl.JsonPathAsync("{.status.acceptedNames.shortNames[*]}", "crd", AnalysisManifests.RunCrd));
        Assert.Equal("Cluster", await _kubectl.JsonPathAsync("{.spec.scope}", "crd", AnalysisManifests.ClusterTemplateCrd));
    }

    [Fact]
    public async Task Every_template_spec_field_is_stored_as_written()
    {
        var ns = await AnalysisManifests.CreateNamespaceAsync(_kubectl);

        (await _kubectl.ApplyAsync(AnalysisManifests.Template(ns, "full", AnalysisManifests.FullTemplateSpec))).ShouldSucceed();

        var stored = (await _kubectl.GetJsonAsync("analysistemplate", "full", "-n", ns))["spec"];
        var written = YamlJsonConverter.Parse(AnalysisManifests.FullTemplateSpec);
        Assert.True(JsonNode.DeepEquals(written, stored), $"stored spec differs from the written one:\n{stored?.ToJsonString()}");
    }

    [Fact]
    public async Task Cluster_template_has_no_namespace_and_stores_every_field()
    {
        await AnalysisManifests.InstallAsync(_kubectl);
        var name = KubectlSteps.UniqueName("full");

        (await _kubectl.ApplyAsync(AnalysisManifests.ClusterTemplate(name, AnalysisManifests.FullTemplateSpec))).ShouldSucceed();

        try
        {
            var stored = await _kubectl.GetJsonAsync("clusteranalysistemplate", name);
            Assert.Null(stored["metadata"]!["namespace"]);
            Assert.True(JsonNode.DeepEquals(YamlJsonConverter.Parse(AnalysisManifests.FullTemplateSpec), stored["spec"]), $"stored spec differs:\n{stored["spec"]?.ToJsonString()}");
            // Cluster-scoped: every namespace's Rollouts see the same template, whatever namespace kubectl is pointed at.
            Assert.Equal(name, await _kubectl.JsonPathAsync("{.metadata.name}", "cfcat", name, "-n", "kube-system"));
        }
        finally
        {
            // Cluster-scoped: delete it, so that the shared server's category listings stay what other tests expect.
            (await _kubectl.RunAsync("delete", "clusteranalysistemplate", name, "--wait=false")).ShouldSucceed();
        }
    }

    [Fact]
    public async Task Get_prints_the_template_columns_under_the_short_names()
    {
        var ns = await AnalysisManifests.CreateNamespaceAsync(_kubectl);
        var clusterName = KubectlSteps.UniqueName("smoke");
        (await _kubectl.ApplyAsync(AnalysisManifests.SmallTemplate(ns, "smoke"))).ShouldSucceed();
        (await _kubectl.ApplyAsync(AnalysisManifests.ClusterTemplate(clusterName, AnalysisManifests.FullTemplateSpec))).ShouldSucceed();

        try
        {
            var templates = await _kubectl.GetTableAsync("cfat", "-n", ns);
            var clusterTemplates = await _kubectl.GetTableAsync("cfcat", clusterName);

            Assert.Equal(["NAME", "AGE"], templates.Columns);
            Assert.Matches(Age(), templates.Row("smoke")["AGE"]);
            Assert.Equal(["NAME", "AGE"], clusterTemplates.Columns);
            Assert.Matches(Age(), clusterTemplates.Row(clusterName)["AGE"]);
        }
        finally
        {
            (await _kubectl.RunAsync("delete", "cfcat", clusterName, "--wait=false")).ShouldSucceed();
        }
    }

    [Fact]
    public async Task Get_prints_the_run_status_and_with_wide_output_its_message()
    {
        var ns = await AnalysisManifests.CreateNamespaceAsync(_kubectl);
        (await _kubectl.ApplyAsync(AnalysisManifests.Run(ns, "api-7c9f8d6b5-2", AnalysisManifests.FullRunSpec))).ShouldSucceed();
        (await PatchRunStatusAsync(ns, "api-7c9f8d6b5-2", """{"phase":"Failed","message":"metric smoke: value false failed successCondition: result == true"}""")).ShouldSucceed();

        var table = await _kubectl.GetTableAsync("cfar", "-n", ns);
        var wide = await _kubectl.GetTableAsync("cfar", "-n", ns, "-o", "wide");

        Assert.Equal(["NAME", "STATUS", "AGE"], table.Columns);
        Assert.Equal("Failed", table.Row("api-7c9f8d6b5-2")["STATUS"]);
        Assert.Matches(Age(), table.Row("api-7c9f8d6b5-2")["AGE"]);
        Assert.Equal(["NAME", "STATUS", "AGE", "MESSAGE"], wide.Columns);
        Assert.Equal("metric smoke: value false failed successCondition: result == true", wide.Row("api-7c9f8d6b5-2")["MESSAGE"]);
    }

    [Fact]
    public async Task Get_of_the_canaryflow_category_lists_templates_and_runs()
    {
        var ns = await AnalysisManifests.CreateNamespaceAsync(_kubectl);
        (await _kubectl.ApplyAsync(AnalysisManifests.SmallTemplate(ns, "smoke"))).ShouldSucceed();
        (await _kubectl.ApplyAsync(AnalysisManifests.Run(ns, "api-1", AnalysisManifests.FullRunSpec))).ShouldSucceed();

        var names = (await _kubectl.RunAsync("get", "canaryflow", "-n", ns, "-o", "name")).ShouldSucceed().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Contains("analysistemplate.canaryflow.io/smoke", names);
        Assert.Contains("analysisrun.canaryflow.io/api-1", names);
    }

    [Fact]
    public async Task Every_run_spec_and_status_field_is_stored_as_written()
    {
        var ns = await AnalysisManifests.CreateNamespaceAsync(_kubectl);
        (await _kubectl.ApplyAsync(AnalysisManifests.Run(ns, "api-1", AnalysisManifests.FullRunSpec))).ShouldSucceed();

        (await PatchRunStatusAsync(ns, "api-1", AnalysisManifests.FullRunStatus)).ShouldSucceed();

        var stored = await _kubectl.GetJsonAsync("analysisrun", "api-1", "-n", ns);
        Assert.True(JsonNode.DeepEquals(YamlJsonConverter.Parse(AnalysisManifests.FullRunSpec), stored["spec"]), $"stored spec differs:\n{stored["spec"]?.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(AnalysisManifests.FullRunStatus), stored["status"]), $"stored status differs:\n{stored["status"]?.ToJsonString()}");
    }

    [Fact]
    public async Task Status_goes_through_the_subresource_only()
    {
        var ns = await AnalysisManifests.CreateNamespaceAsync(_kubectl);
        var run = AnalysisManifests.Run(ns, "api-1", AnalysisManifests.FullRunSpec) + "\nstatus:\n  phase: Successful\n";

        // A status sent with the object is dropped: only the controller's writes to /status set it.
        (await _kubectl.ApplyAsync(run)).ShouldSucceed();
        Assert.Equal("", await _kubectl.JsonPathAsync("{.status.phase}", "analysisrun", "api-1", "-n", ns));

        (await PatchRunStatusAsync(ns, "api-1", """{"phase":"Running","startedAt":"2026-01-02T03:04:05Z"}""")).ShouldSucceed();
        (await _kubectl.RunAsync("patch", "analysisrun", "api-1", "-n", ns, "--type=merge", "-p", """{"spec":{"terminate":false},"status":{"phase":"Successful"}}""")).ShouldSucceed();

        Assert.Equal("Running false", await _kubectl.JsonPathAsync("{.status.phase} {.spec.terminate}", "analysisrun", "api-1", "-n", ns));
    }

    public void Dispose() => _kubectl.Dispose();

    private Task<KubectlResult> PatchRunStatusAsync(string ns, string name, string status) =>
        _kubectl.RunAsync("patch", "analysisrun", name, "-n", ns, "--subresource=status", "--type=merge", "-p", $$"""{"status":{{status}}}""");

    [GeneratedRegex(@"^\d+s$")]
    private static partial Regex Age();
}
