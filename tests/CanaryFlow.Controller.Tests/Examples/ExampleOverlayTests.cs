using System.Text.Json.Nodes;
using CanaryFlow.Controller.Tests.EndToEnd;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Controller.Tests.Examples;

/// <summary>
/// Every overlay of examples/ built by the real <c>kubectl kustomize</c>, judged by the controller's own validators,
/// applied by the real kubectl to a LocalCluster with CanaryFlow's and the Gateway API's CRDs, and taken Healthy by the
/// controller.
/// </summary>
[Collection(ControllerClusterCollection.Name)]
public sealed class ExampleOverlayTests(ControllerClusterFixture cluster)
{
    public static TheoryData<string> Overlays() => [.. ExampleFiles.Overlays];

    [Fact]
    public void There_are_a_staging_and_a_production_overlay() =>
        Assert.Equal(["apps/storefront/overlays/production", "apps/storefront/overlays/staging"], ExampleFiles.Overlays);

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task The_overlay_renders_a_valid_Rollout_its_Services_route_and_analysis_templates_in_one_namespace(string overlay)
    {
        var objects = await ExampleFiles.RenderAsync(cluster.Kubectl, overlay);

        Assert.Equal(
            ["AnalysisTemplate/latency-p99", "AnalysisTemplate/success-rate", "HTTPRoute/storefront", "Rollout/storefront", "Service/storefront-canary", "Service/storefront-stable"],
            objects.Select(o => ExampleFiles.Kind(o) + "/" + ExampleFiles.Name(o)).Order(StringComparer.Ordinal));
        var ns = ExampleFiles.Namespace(objects[0]);
        Assert.NotNull(ns);
        Assert.All(objects, o => Assert.Equal(ns, ExampleFiles.Namespace(o)));

        var rollout = ExampleFiles.ToRollout(ExampleFiles.Single(objects, "Rollout"));
        Assert.Empty(RolloutValidator.Validate(rollout));
        var canary = rollout.Spec!.Strategy!.Canary!;
        Assert.Equal("storefront", canary.TrafficRouting!.GatewayApi!.HttpRoute);
        Assert.Equal(["storefront-stable", "storefront-canary"], [canary.StableService!, canary.CanaryService!]);

        // The headline: a failed canary is reverted in this overlay's own directory of the config repo.
        var git = rollout.Spec.Git!;
        Assert.Equal(overlay, git.Path);
        Assert.Equal(("main", "commit", "config-repo-credentials"), (git.Branch, git.Revert, git.SecretRef?.Name));
        Assert.StartsWith("https://", git.RepoUrl, StringComparison.Ordinal);

        // Every analysis step names templates that the overlay ships, and gives them the canary's hash.
        var templates = objects.Where(o => ExampleFiles.Kind(o) == "AnalysisTemplate").ToDictionary(ExampleFiles.Name, o => o, StringComparer.Ordinal);
        var analysisSteps = canary.Steps!.Where(s => s.Analysis is not null).Select(s => s.Analysis!).ToList();
        Assert.NotEmpty(analysisSteps);
        foreach (var step in analysisSteps)
        {
            Assert.All(step.Templates!, t => Assert.Contains(t.TemplateName!, templates.Keys));
            Assert.Contains(step.Args!, a => a is { Name: "canary-hash", ValueFrom.PodTemplateHashValue: "Latest" });
        }

        foreach (var (name, template) in templates)
        {
            var spec = ExampleFiles.ToAnalysisTemplate(template).Spec!;
            var run = new AnalysisRun { Metadata = new ObjectMeta { Name = name }, Spec = new AnalysisRunSpec { Metrics = spec.Metrics } };
            Assert.Null(AnalysisRunValidator.Validate(run));
            Assert.All(spec.Metrics!, m => Assert.Contains("{{args.canary-hash}}", m.Provider!.Prometheus!.Query, StringComparison.Ordinal));
            Assert.Equal(["canary-hash", "window"], spec.Args!.Select(a => a.Name!));
        }
    }

    [Fact]
    public async Task Staging_and_production_differ_in_replicas_steps_image_and_namespace_and_agree_on_the_rest()
    {
        var staging = await ExampleFiles.RenderAsync(cluster.Kubectl, "apps/storefront/overlays/staging");
        var production = await ExampleFiles.RenderAsync(cluster.Kubectl, "apps/storefront/overlays/production");
        var stagingRollout = ExampleFiles.ToRollout(ExampleFiles.Single(staging, "Rollout")).Spec!;
        var productionRollout = ExampleFiles.ToRollout(ExampleFiles.Single(production, "Rollout")).Spec!;

        Assert.Equal((2, 6), (stagingRollout.Replicas, productionRollout.Replicas));
        Assert.Equal(("storefront-staging", "storefront"), (ExampleFiles.Namespace(staging[0]), ExampleFiles.Namespace(production[0])));
        Assert.Equal("registry.example.com/shop/storefront:1.8.0", Image(stagingRollout));
        Assert.Equal("registry.example.com/shop/storefront:1.7.3", Image(productionRollout));
        Assert.Equal([25, 100], stagingRollout.Strategy!.Canary!.Steps!.Where(s => s.SetWeight is not null).Select(s => s.SetWeight!.Value));
        Assert.Equal([5, 25, 50], productionRollout.Strategy!.Canary!.Steps!.Where(s => s.SetWeight is not null).Select(s => s.SetWeight!.Value));
        Assert.Null(productionRollout.Strategy.Canary.Steps![^1].Pause!.Duration);

        // Only the hostnames of the route differ; the analysis templates are the base's in both.
        Assert.Equal("staging.shop.example.com", ExampleFiles.Single(staging, "HTTPRoute")["spec"]!["hostnames"]![0]!.GetValue<string>());
        Assert.Equal("shop.example.com", ExampleFiles.Single(production, "HTTPRoute")["spec"]!["hostnames"]![0]!.GetValue<string>());
        foreach (var name in new[] { "success-rate", "latency-p99" })
        {
            Assert.Equal(
                Without(staging.Single(o => ExampleFiles.Name(o) == name), "metadata"),
                Without(production.Single(o => ExampleFiles.Name(o) == name), "metadata"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Kubectl_applies_the_overlay_the_controller_takes_it_Healthy_and_Argo_CDs_health_check_reads_its_real_statuses(string overlay)
    {
        var objects = await ExampleFiles.RenderAsync(cluster.Kubectl, overlay);
        var ns = ExampleFiles.Namespace(objects[0])!;
        var kubectl = cluster.Kubectl;
        (await kubectl.RunAsync("create", "namespace", ns)).ShouldSucceed();

        var first = (await kubectl.RunAsync("apply", "-k", ExampleFiles.PathOf(overlay))).ShouldSucceed();
        var second = (await kubectl.RunAsync("apply", "-k", ExampleFiles.PathOf(overlay))).ShouldSucceed();

        var created = first.Stdout.Trim().Split('\n');
        Assert.Equal(objects.Count, created.Length);
        Assert.All(created, line => Assert.EndsWith(" created", line, StringComparison.Ordinal));
        Assert.All(second.Stdout.Trim().Split('\n'), line => Assert.EndsWith(" unchanged", line, StringComparison.Ordinal));

        await using var controller = ControllerProcess.Start(kubectl.KubeconfigPath, ns);
        var rollout = await Eventually.UntilAsync(
            () => RolloutAsync(kubectl, ns),
            r => EndToEndScope.Phase(r) == "Healthy",
            "the example Rollout to become Healthy",
            EndToEndScope.Long);
        var replicas = ExampleFiles.ToRollout(ExampleFiles.Single(objects, "Rollout")).Spec!.Replicas;
        Assert.Equal(replicas.ToString(), EndToEndScope.Status(rollout, "availableReplicas"));
        var stable = EndToEndScope.Status(rollout, "stableRS");
        var selector = (await kubectl.RunAsync("get", "service", "storefront-stable", "-n", ns, "-o", "jsonpath={.spec.selector.rollouts-pod-template-hash}")).ShouldSucceed().Stdout;
        Assert.Equal(stable, selector);
        var weights = (await kubectl.RunAsync("get", "httproute", "storefront", "-n", ns, "-o", "jsonpath={.spec.rules[0].backendRefs[*].weight}")).ShouldSucceed().Stdout;
        Assert.Equal("100 0", weights);

        // What Argo CD would show for the statuses the controller really writes: Healthy now, Suspended while the next
        // release's canary waits at its first pause, Degraded once that canary is aborted.
        Assert.Equal("Healthy", (await ArgoCdHealthScript.EvaluateAsync(rollout)).Status);
        (await kubectl.RunAsync("patch", "rollout", "storefront", "-n", ns, "--type=json", "-p",
            """[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"registry.example.com/shop/storefront:next"}]""")).ShouldSucceed();
        var paused = await Eventually.UntilAsync(() => RolloutAsync(kubectl, ns), r => EndToEndScope.Phase(r) == "Paused", "the canary to pause", EndToEndScope.Long);
        Assert.Equal("Suspended", (await ArgoCdHealthScript.EvaluateAsync(paused)).Status);
        (await kubectl.RunAsync("patch", "rollout", "storefront", "-n", ns, "--subresource=status", "--type=merge", "-p", """{"status":{"abort":true}}""")).ShouldSucceed();
        var aborted = await Eventually.UntilAsync(() => RolloutAsync(kubectl, ns), r => EndToEndScope.Phase(r) == "Degraded", "the abort", EndToEndScope.Long);
        Assert.Equal("Degraded", (await ArgoCdHealthScript.EvaluateAsync(aborted)).Status);
    }

    private static async Task<JsonNode> RolloutAsync(Kubectl kubectl, string ns) =>
        JsonNode.Parse((await kubectl.RunAsync("get", "rollout", "storefront", "-n", ns, "-o", "json")).ShouldSucceed().Stdout)!;

    private static string Image(RolloutSpec spec) =>
        spec.Template!.Value.GetProperty("spec").GetProperty("containers")[0].GetProperty("image").GetString()!;

    private static string Without(JsonObject o, string property)
    {
        var copy = o.DeepClone().AsObject();
        copy.Remove(property);
        return copy.ToJsonString();
    }
}
