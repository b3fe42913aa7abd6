using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CanaryFlow.LocalCluster.Tests.Conformance;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Crds;

/// <summary>
/// crds/rollout.yaml through the real kubectl: it installs, <c>kubectl get cfro</c> shows the printer columns,
/// <c>kubectl scale</c> works through the scale subresource, and <c>kubectl get canaryflow</c> finds Rollouts.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed partial class RolloutCrdTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Crd_is_established_and_a_second_apply_is_unchanged()
    {
        await RolloutManifests.InstallAsync(_kubectl);

        var again = (await _kubectl.RunAsync("apply", "-f", RolloutManifests.CrdPath)).ShouldSucceed();

        Assert.Equal($"customresourcedefinition.apiextensions.k8s.io/{RolloutManifests.CrdName} unchanged", again.Stdout.Trim());
        Assert.Equal("True", await _kubectl.JsonPathAsync("""{.status.conditions[?(@.type=="Established")].status}""", "crd", RolloutManifests.CrdName));
        Assert.Equal("cfro", await _kubectl.JsonPathAsync("{.status.acceptedNames.shortNames[*]}", "crd", RolloutManifests.CrdName));
    }

    [Fact]
    public async Task Get_prints_the_printer_columns_with_the_status_values()
    {
        var ns = await RolloutManifests.CreateNamespaceAsync(_kubectl);
        (await _kubectl.ApplyAsync(RolloutManifests.Rollout(ns, "api"))).ShouldSucceed();
        (await PatchStatusAsync(ns, "api", """{"replicas":6,"updatedReplicas":2,"availableReplicas":5,"phase":"Paused","currentStepIndex":1,"canary":{"weights":{"canary":20,"stable":80}}}"""))
            .ShouldSucceed();

        var table = await _kubectl.GetTableAsync("cfro", "-n", ns);

        Assert.Equal(["NAME", "DESIRED", "CURRENT", "UP-TO-DATE", "AVAILABLE", "PHASE", "STEP", "WEIGHT", "AGE"], table.Columns);
        var row = table.Row("api");
        Assert.Equal(
            ["5", "6", "2", "5", "Paused", "1", "20"],
            new[] { "DESIRED", "CURRENT", "UP-TO-DATE", "AVAILABLE", "PHASE", "STEP", "WEIGHT" }.Select(column => row[column]));
        Assert.Matches(Age(), row["AGE"]);
    }

    [Fact]
    public async Task Get_of_the_canaryflow_category_lists_rollouts()
    {
        var ns = await RolloutManifests.CreateNamespaceAsync(_kubectl);
        (await _kubectl.ApplyAsync(RolloutManifests.Rollout(ns, "api"))).ShouldSucceed();

        // Only the Rollouts: the category also holds the analysis kinds, cluster-scoped templates of other tests included.
        var names = await _kubectl.JsonPathAsync("""{.items[?(@.kind=="Rollout")].metadata.name}""", "canaryflow", "-n", ns);

        Assert.Equal("api", names);
    }

    [Fact]
    public async Task Kubectl_scale_writes_spec_replicas_through_the_scale_subresource()
    {
        var ns = await RolloutManifests.CreateNamespaceAsync(_kubectl);
        (await _kubectl.ApplyAsync(RolloutManifests.Rollout(ns, "api"))).ShouldSucceed();
        (await PatchStatusAsync(ns, "api", """{"replicas":5,"selector":"app=api"}""")).ShouldSucceed();

        var result = (await _kubectl.RunAsync("scale", "rollout/api", "-n", ns, "--replicas=3")).ShouldSucceed();

        Assert.Equal($"{RolloutManifests.Resource}/api scaled", result.Stdout.Trim());
        Assert.Equal("3", await _kubectl.JsonPathAsync("{.spec.replicas}", "rollout", "api", "-n", ns));
        var scale = JsonNode.Parse((await _kubectl.RunAsync("get", "--raw", $"/apis/canaryflow.io/v1alpha1/namespaces/{ns}/rollouts/api/scale")).ShouldSucceed().Stdout)!;
        Assert.Equal("""{"replicas":3}""", scale["spec"]!.ToJsonString());
        Assert.Equal("""{"replicas":5,"selector":"app=api"}""", scale["status"]!.ToJsonString());
    }

    [Fact]
    public async Task Replicas_default_to_one_so_a_rollout_without_them_can_be_scaled()
    {
        var ns = await RolloutManifests.CreateNamespaceAsync(_kubectl);
        (await _kubectl.ApplyAsync(RolloutManifests.Rollout(ns, "api").Replace("  replicas: 5\n", "", StringComparison.Ordinal))).ShouldSucceed();
        Assert.Equal("1", await _kubectl.JsonPathAsync("{.spec.replicas}", "rollout", "api", "-n", ns));

        (await _kubectl.RunAsync("scale", "cfro", "api", "-n", ns, "--replicas=2", "--current-replicas=1")).ShouldSucceed();

        Assert.Equal("2", await _kubectl.JsonPathAsync("{.spec.replicas}", "rollout", "api", "-n", ns));
    }

    public void Dispose() => _kubectl.Dispose();

    private Task<KubectlResult> PatchStatusAsync(string ns, string name, string status) =>
        _kubectl.RunAsync("patch", "rollout", name, "-n", ns, "--subresource=status", "--type=merge", "-p", $$"""{"status":{{status}}}""");

    [GeneratedRegex(@"^\d+s$")]
    private static partial Regex Age();
}
