using System.Text.Json.Nodes;
using CanaryFlow.Cli.Tests.Infrastructure;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Cli.Tests;

/// <summary><c>lint</c>, <c>convert</c>, <c>version</c> and the command line itself, through kubectl's plugin discovery.</summary>
[Collection(PluginCollection.Name)]
public sealed class LintAndConvertTests(PluginCluster cluster)
{
    private static string Manifest(string name) => Path.Combine(AppContext.BaseDirectory, "Manifests", name);

    [Fact]
    public async Task Kubectl_finds_the_plugin_on_PATH_and_it_reports_its_version()
    {
        var plugins = await cluster.Kubectl.RunAsync("plugin", "list");
        Assert.Contains(PublishedPlugin.Executable, plugins.Stdout, StringComparison.Ordinal);

        var version = (await cluster.Kubectl.CanaryFlowAsync("version")).ShouldSucceed();
        Assert.StartsWith("kubectl-canaryflow 0.1.0 (canaryflow.io/v1alpha1", version.Stdout, StringComparison.Ordinal);
        var json = JsonNode.Parse((await cluster.Kubectl.CanaryFlowAsync("version", "-o", "json")).ShouldSucceed().Stdout)!;
        Assert.Equal("0.1.0", json["pluginVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lint_accepts_a_valid_rollout_and_template()
    {
        var result = (await cluster.Kubectl.CanaryFlowAsync("lint", "-f", Manifest("good-rollout.yaml"))).ShouldSucceed();
        Assert.Equal("2 objects checked, no problems", result.Stdout.Trim());
    }

    [Fact]
    public async Task Lint_names_the_file_the_object_and_the_field_of_every_problem()
    {
        var file = Manifest("bad-rollout.yaml");
        var result = await cluster.Kubectl.CanaryFlowAsync("lint", "-f", file);

        Assert.Equal(1, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"{file} (document 1): Rollout api: spec.template.metadata.labels: do not match spec.selector (app=api)", lines);
        Assert.Contains($"{file} (document 1): Rollout api: spec.strategy.canary.canaryService: must differ from stableService", lines);
        Assert.Contains($"{file} (document 1): Rollout api: spec.strategy.canary.steps[0].setWeight: must be between 0 and 100, got 120", lines);
        Assert.Contains(lines, l => l.StartsWith($"{file} (document 1): Rollout api: spec.strategy.canary.steps[1].pause.duration: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{file} (document 2): AnalysisTemplate success-rate: spec.metrics: metric success-rate: successCondition: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{file} (document 3): Rollout typo: spec.replicas: wrong type", StringComparison.Ordinal));
        Assert.Equal($"error: {lines.Length} problems found", result.Stderr.Trim());
    }

    [Fact]
    public async Task Lint_of_a_missing_file_or_broken_yaml_is_one_line()
    {
        var missing = (await cluster.Kubectl.CanaryFlowAsync("lint", "-f", "/nonexistent/rollout.yaml")).ShouldFailWithOneLine();
        Assert.StartsWith("error: cannot read /nonexistent/rollout.yaml: ", missing, StringComparison.Ordinal);

        var broken = (await cluster.Kubectl.CanaryFlowWithInputAsync("spec: [unclosed\n", "lint", "-f", "-")).ShouldFailWithOneLine();
        Assert.StartsWith("error: <stdin>: yaml: line ", broken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_turns_a_realistic_argo_canary_into_a_valid_canaryflow_rollout_and_reports_what_has_no_equivalent()
    {
        var result = (await cluster.Kubectl.CanaryFlowAsync("convert", "-f", Manifest("argo-rollout.yaml"))).ShouldSucceed();

        var documents = YamlJsonConverter.ParseAll(result.Stdout).Select(d => d!.AsObject()).ToList();
        Assert.Equal(["Rollout", "AnalysisTemplate", "AnalysisTemplate", "Service"], documents.Select(d => d["kind"]!.GetValue<string>()));
        Assert.All(documents.Take(3), d => Assert.Equal("canaryflow.io/v1alpha1", d["apiVersion"]!.GetValue<string>()));
        Assert.Equal("v1", documents[3]["apiVersion"]!.GetValue<string>());

        var rollout = documents[0];
        Assert.Equal("payments", rollout["metadata"]!["labels"]!["team"]!.GetValue<string>());
        var canary = rollout["spec"]!["strategy"]!["canary"]!;
        Assert.Equal("checkout", canary["trafficRouting"]!["nginx"]!["stableIngress"]!.GetValue<string>());
        var steps = canary["steps"]!.AsArray();
        Assert.Equal(["setWeight", "pause", "setWeight", "analysis", "setWeight", "pause"], steps.Select(s => s!.AsObject().Single().Key));
        // The experiment and header route (steps 2 and 3) are gone, so background analysis starting at old step 4 starts at 2.
        Assert.Equal(2, canary["analysis"]!["startingStep"]!.GetValue<long>());
        Assert.Equal("registry.example.com/shop/checkout:1.14.2", rollout["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal(["service"], steps[3]!["analysis"]!["args"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()));
        Assert.Equal(["success-rate"], documents[1]["spec"]!["metrics"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()));
        Assert.Equal("metrics-api", documents[2]["spec"]!["args"]![1]!["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>());

        var warnings = result.Stderr;
        Assert.Contains("Rollout checkout: spec.minReadySeconds: no equivalent in CanaryFlow; dropped", warnings, StringComparison.Ordinal);
        Assert.Contains("Rollout checkout: spec.strategy.canary.dynamicStableScale: no equivalent in CanaryFlow; dropped", warnings, StringComparison.Ordinal);
        Assert.Contains("spec.strategy.canary.trafficRouting.nginx.additionalIngressAnnotations: no equivalent", warnings, StringComparison.Ordinal);
        Assert.Contains("spec.strategy.canary.steps[2].experiment: no equivalent step in CanaryFlow; the step was dropped", warnings, StringComparison.Ordinal);
        Assert.Contains("spec.strategy.canary.steps[3].setHeaderRoute: no equivalent step in CanaryFlow; the step was dropped", warnings, StringComparison.Ordinal);
        Assert.Contains("spec.strategy.canary.steps[5].analysis.args[1]: argument pod has no value CanaryFlow can resolve", warnings, StringComparison.Ordinal);
        Assert.Contains("AnalysisTemplate success-rate: spec.metrics[1].provider.datadog: metric p99-latency: CanaryFlow has no datadog provider", warnings, StringComparison.Ordinal);
        Assert.Contains("AnalysisTemplate error-rate: spec.metrics[0].provider.web.insecure: no equivalent in CanaryFlow; dropped", warnings, StringComparison.Ordinal);

        // What convert writes passes the controller's validation and the CRDs' schemas.
        var converted = string.Join("---\n", result.Stdout.Split("---\n").Take(3));
        (await cluster.Kubectl.CanaryFlowWithInputAsync(converted, "lint", "-f", "-")).ShouldSucceed();
        (await cluster.Kubectl.RunAsync("create", "namespace", "shop")).ShouldSucceed();
        (await cluster.Kubectl.RunAsync(converted, TimeSpan.FromSeconds(60), "apply", "--dry-run=server", "-f", "-")).ShouldSucceed();
    }

    [Fact]
    public async Task Convert_refuses_a_blue_green_rollout_with_the_reason()
    {
        var result = await cluster.Kubectl.CanaryFlowAsync("convert", "-f", Manifest("argo-bluegreen.yaml"));

        var line = result.ShouldFailWithOneLine();
        Assert.Contains("Rollout web: spec.strategy.blueGreen: CanaryFlow has only the canary strategy", line, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout.Trim());
    }

    [Fact]
    public async Task Command_line_mistakes_are_one_line_with_where_to_find_help()
    {
        var missing = (await cluster.Kubectl.CanaryFlowAsync("promote")).ShouldFailWithOneLine();
        Assert.Contains("(see 'kubectl canaryflow promote --help')", missing, StringComparison.Ordinal);

        var format = (await cluster.Kubectl.CanaryFlowAsync("version", "-o", "wide")).ShouldFailWithOneLine();
        Assert.Equal("error: unable to match a printer suitable for the output format \"wide\", allowed formats are: json,yaml", format);

        var help = (await cluster.Kubectl.CanaryFlowAsync("--help")).ShouldSucceed();
        foreach (var verb in new[] { "get", "list", "status", "promote", "abort", "retry", "pause", "resume", "undo", "restart", "set", "lint", "convert", "version" })
        {
            Assert.Contains("  " + verb, help.Stdout, StringComparison.Ordinal);
        }
    }
}
