using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.Controller.Tests.Examples;

/// <summary>
/// The Argo CD Applications and Flux objects of examples/: the API versions and kinds their controllers serve, and
/// agreement with the overlays they sync (paths that build, namespaces, the config repo the Rollouts revert in).
/// </summary>
[Collection(EndToEnd.ControllerClusterCollection.Name)]
public sealed class GitOpsToolObjectTests(EndToEnd.ControllerClusterFixture cluster)
{
    private readonly Kubectl _kubectl = cluster.Kubectl;

    [Fact]
    public async Task Each_Argo_CD_Application_syncs_one_overlay_into_its_namespace_and_leaves_the_route_weights_to_CanaryFlow()
    {
        var applications = await ExampleFiles.RenderAsync(_kubectl, "argocd");

        Assert.Equal(["storefront-production", "storefront-staging"], applications.Select(ExampleFiles.Name).Order(StringComparer.Ordinal));
        foreach (var application in applications)
        {
            Assert.Equal(("argoproj.io/v1alpha1", "Application", "argocd"), (application["apiVersion"]!.GetValue<string>(), ExampleFiles.Kind(application), ExampleFiles.Namespace(application)));
            var spec = application["spec"]!;
            var path = spec["source"]!["path"]!.GetValue<string>();
            Assert.Contains(path, ExampleFiles.Overlays);
            var rollout = await RolloutOfAsync(path);
            Assert.Equal(ExampleFiles.Namespace(rollout), spec["destination"]!["namespace"]!.GetValue<string>());
            Assert.Equal(rollout["spec"]!["git"]!["repoURL"]!.GetValue<string>(), spec["source"]!["repoURL"]!.GetValue<string>());
            Assert.Equal(rollout["spec"]!["git"]!["branch"]!.GetValue<string>(), spec["source"]!["targetRevision"]!.GetValue<string>());
            Assert.Equal(path, rollout["spec"]!["git"]!["path"]!.GetValue<string>());

            var ignored = Assert.Single(spec["ignoreDifferences"]!.AsArray())!;
            Assert.Equal(("gateway.networking.k8s.io", "HTTPRoute", "storefront"), (ignored["group"]!.GetValue<string>(), ignored["kind"]!.GetValue<string>(), ignored["name"]!.GetValue<string>()));
            Assert.Equal([".spec.rules[].backendRefs[].weight"], ignored["jqPathExpressions"]!.AsArray().Select(e => e!.GetValue<string>()));
            Assert.Contains("RespectIgnoreDifferences=true", spec["syncPolicy"]!["syncOptions"]!.AsArray().Select(o => o!.GetValue<string>()));
            Assert.True(spec["syncPolicy"]!["automated"]!["selfHeal"]!.GetValue<bool>());
        }
    }

    [Fact]
    public void The_health_check_is_a_key_of_argocd_cm_named_for_the_Rollout_kind()
    {
        var configMap = ExampleFiles.Single(ExampleFiles.Read(ArgoCdHealthScript.File), "ConfigMap");

        Assert.Equal(("argocd-cm", "argocd"), (ExampleFiles.Name(configMap), ExampleFiles.Namespace(configMap)));
        Assert.Equal([ArgoCdHealthScript.Key], configMap["data"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Each_Flux_Kustomization_builds_an_overlay_from_the_config_repos_GitRepository()
    {
        var objects = await ExampleFiles.RenderAsync(_kubectl, "flux");

        var source = ExampleFiles.Single(objects, "GitRepository");
        Assert.Equal("source.toolkit.fluxcd.io/v1", source["apiVersion"]!.GetValue<string>());
        var kustomizations = objects.Where(o => ExampleFiles.Kind(o) == "Kustomization").ToList();
        Assert.Equal(["storefront-production", "storefront-staging"], kustomizations.Select(ExampleFiles.Name).Order(StringComparer.Ordinal));
        foreach (var kustomization in kustomizations)
        {
            Assert.Equal("kustomize.toolkit.fluxcd.io/v1", kustomization["apiVersion"]!.GetValue<string>());
            var spec = kustomization["spec"]!;
            Assert.Equal(("GitRepository", ExampleFiles.Name(source)), (spec["sourceRef"]!["kind"]!.GetValue<string>(), spec["sourceRef"]!["name"]!.GetValue<string>()));
            Assert.True(spec["prune"]!.GetValue<bool>());
            Assert.False(string.IsNullOrEmpty(spec["interval"]?.GetValue<string>()));
            var path = spec["path"]!.GetValue<string>();
            Assert.StartsWith("./", path, StringComparison.Ordinal);
            var rollout = await RolloutOfAsync(path[2..]);
            Assert.Equal(rollout["spec"]!["git"]!["repoURL"]!.GetValue<string>(), source["spec"]!["url"]!.GetValue<string>());
            Assert.Equal(rollout["spec"]!["git"]!["branch"]!.GetValue<string>(), source["spec"]!["ref"]!["branch"]!.GetValue<string>());
        }

        // Staging waits for the canary, judging the Rollout by its phase; production does not (its last step waits for a person).
        var staging = kustomizations.Single(k => ExampleFiles.Name(k) == "storefront-staging")["spec"]!;
        Assert.True(staging["wait"]!.GetValue<bool>());
        var check = Assert.Single(staging["healthCheckExprs"]!.AsArray())!;
        Assert.Equal(("canaryflow.io/v1alpha1", "Rollout"), (check["apiVersion"]!.GetValue<string>(), check["kind"]!.GetValue<string>()));
        Assert.Contains("'Healthy'", check["current"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("'Degraded'", check["failed"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(kustomizations.Single(k => ExampleFiles.Name(k) == "storefront-production")["spec"]!["wait"]!.GetValue<bool>());
    }

    private async Task<JsonObject> RolloutOfAsync(string overlay)
    {
        Assert.True(Directory.Exists(ExampleFiles.PathOf(overlay)), $"{overlay} is not a directory of examples/");
        return ExampleFiles.Single(await ExampleFiles.RenderAsync(_kubectl, overlay), "Rollout");
    }
}
