using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Controller.Demo;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Controller.Tests.Demo;

/// <summary>The demo overlay the demo writes beside staging and production, built by the real <c>kubectl kustomize</c>.</summary>
public sealed class DemoOverlayTests
{
    private const string _repoUrl = "file:///tmp/canaryflow-demo-test/config.git";
    private const string _stats = "http://127.0.0.1:4000/_demo/pods/{{args.canary-hash}}/stats?window=5s";

    [Fact]
    public async Task With_Prometheus_it_renders_a_valid_Rollout_reverting_in_the_local_repo_and_templates_querying_the_demos_Prometheus()
    {
        var objects = await RenderAsync(new Uri("http://127.0.0.1:9999/"));

        Assert.All(objects.Where(o => Kind(o) != "Namespace"), o => Assert.Equal(DemoEnvironment.Namespace, o["metadata"]!["namespace"]!.GetValue<string>()));
        Assert.Single(objects, o => Kind(o) == "Namespace" && o["metadata"]!["name"]!.GetValue<string>() == DemoEnvironment.Namespace);
        var rollout = objects.Single(o => Kind(o) == "Rollout").Deserialize(CoreJsonContext.Default.Rollout)!;
        Assert.Empty(RolloutValidator.Validate(rollout));
        Assert.Equal("v1", RolloutSnapshot.Of(rollout).Version);
        var git = rollout.Spec!.Git!;
        Assert.Equal((_repoUrl, "main", DemoOverlay.Path, "commit"), (git.RepoUrl, git.Branch, git.Path, git.Revert));
        Assert.Null(git.SecretRef);
        var steps = rollout.Spec.Strategy!.Canary!.Steps!;
        Assert.Equal([20, 50], steps.Where(s => s.SetWeight is not null).Select(s => s.SetWeight!.Value));
        Assert.Contains(steps.Single(s => s.Analysis is not null).Analysis!.Args!, a => a is { Name: "window", Value: "5s" });

        foreach (var template in Templates(objects))
        {
            var metric = Assert.Single(template.Spec!.Metrics!);
            Assert.Equal(("1s", "3s"), (metric.Interval, metric.InitialDelay));
            Assert.Equal("http://127.0.0.1:9999", metric.Provider!.Prometheus!.Address);
            Assert.Contains("{{args.window}}", metric.Provider.Prometheus.Query, StringComparison.Ordinal);
            Assert.Null(Validate(template));
        }
    }

    [Fact]
    public async Task Without_Prometheus_the_templates_read_the_canarys_stats_through_the_web_provider()
    {
        var objects = await RenderAsync(prometheus: null);

        var templates = Templates(objects).ToDictionary(t => t.Metadata.Name!, StringComparer.Ordinal);
        Assert.Equal(["latency-p99", "success-rate"], templates.Keys.Order(StringComparer.Ordinal));
        var successRate = Assert.Single(templates["success-rate"].Spec!.Metrics!);
        Assert.Equal((_stats, "{$.successRate}"), (successRate.Provider!.Web!.Url, successRate.Provider.Web.JsonPath));
        Assert.Null(successRate.Provider.Prometheus);
        Assert.Equal("result >= 0.99", successRate.SuccessCondition);
        Assert.Equal("{$.p99LatencySeconds}", Assert.Single(templates["latency-p99"].Spec!.Metrics!).Provider!.Web!.JsonPath);
        Assert.All(templates.Values, t => Assert.Null(Validate(t)));
    }

    private static async Task<IReadOnlyList<JsonObject>> RenderAsync(Uri? prometheus)
    {
        var directory = Directory.CreateTempSubdirectory("canaryflow-demo-overlay-");
        try
        {
            // The overlay sits where the demo puts it: beside staging and production, over the same base.
            var apps = Path.Combine(directory.FullName, "apps");
            CopyDirectory(RepositoryRoot.File("examples", "apps"), apps);
            var overlay = new DemoOverlay(DemoEnvironment.Namespace, _repoUrl, DemoTimings.Fast, prometheus, _stats);
            var target = Path.Combine(directory.FullName, DemoOverlay.Path);
            Directory.CreateDirectory(target);
            foreach (var (name, content) in overlay.Files())
            {
                await File.WriteAllTextAsync(Path.Combine(target, name), content);
            }

            var rendered = await ExternalCommand.RunCheckedAsync("kubectl", ["kustomize", target], null, CancellationToken.None);
            return [.. YamlJsonConverter.ParseAll(rendered).OfType<JsonObject>()];
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static IEnumerable<AnalysisTemplate> Templates(IEnumerable<JsonObject> objects) =>
        objects.Where(o => Kind(o) == "AnalysisTemplate").Select(o => o.Deserialize(CoreJsonContext.Default.AnalysisTemplate)!);

    private static string? Validate(AnalysisTemplate template) =>
        AnalysisRunValidator.Validate(new AnalysisRun { Metadata = new ObjectMeta(), Spec = new AnalysisRunSpec { Metrics = template.Spec!.Metrics } });

    private static string Kind(JsonObject o) => o["kind"]!.GetValue<string>();

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
