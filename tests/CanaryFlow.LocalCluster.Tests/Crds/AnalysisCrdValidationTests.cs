using CanaryFlow.LocalCluster.Tests.Conformance;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Crds;

/// <summary>
/// What the analysis schemas refuse, through the real kubectl, naming the field: a metric without a provider or
/// with two, negative or zero counts and limits, malformed durations, unknown methods, duplicate metric names, and
/// status phases the controller never writes.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class AnalysisCrdValidationTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Theory]
    [InlineData("count: 3", "count: -1",
        "spec.metrics[0].count: Invalid value: -1: spec.metrics[0].count in body should be greater than or equal to 1")]
    [InlineData("count: 3", "count: \"0\"",
        "spec.metrics[0].count: Invalid value: \"0\": spec.metrics[0].count in body should match '^0*[1-9][0-9]*$'")]
    [InlineData("count: 3", "count: \"{{args.count}}\"",
        "spec.metrics[0].count: Invalid value: \"{{args.count}}\": spec.metrics[0].count in body should match '^0*[1-9][0-9]*$'")]
    [InlineData("interval: 30s", "interval: 5 minutes",
        "spec.metrics[0].interval: Invalid value: \"5 minutes\": spec.metrics[0].interval in body should match")]
    [InlineData("interval: 30s", "interval: -30s",
        "spec.metrics[0].interval: Invalid value: \"-30s\": spec.metrics[0].interval in body should match")]
    [InlineData("failureLimit: 0", "failureLimit: -2",
        "spec.metrics[0].failureLimit: Invalid value: -2: spec.metrics[0].failureLimit in body should be greater than or equal to -1")]
    [InlineData("failureLimit: 0", "inconclusiveLimit: -1",
        "spec.metrics[0].inconclusiveLimit: Invalid value: -1: spec.metrics[0].inconclusiveLimit in body should be greater than or equal to 0")]
    [InlineData("failureLimit: 0", "consecutiveErrorLimit: -1",
        "spec.metrics[0].consecutiveErrorLimit: Invalid value: -1: spec.metrics[0].consecutiveErrorLimit in body should be greater than or equal to 0")]
    [InlineData("method: GET", "method: PUT",
        "spec.metrics[0].provider.web.method: Unsupported value: \"PUT\": supported values: \"GET\", \"POST\"")]
    [InlineData("timeoutSeconds: 5", "timeoutSeconds: 0",
        "spec.metrics[0].provider.web.timeoutSeconds: Invalid value: 0: spec.metrics[0].provider.web.timeoutSeconds in body should be greater than or equal to 1")]
    [InlineData("limit: 10", "limit: 0",
        "spec.measurementRetention[0].limit: Invalid value: 0: spec.measurementRetention[0].limit in body should be greater than or equal to 1")]
    [InlineData("url: http://smoke.test/check", "body: \"{}\"",
        "spec.metrics[0].provider.web.url: Required value")]
    public async Task Invalid_template_is_rejected_naming_the_field(string valid, string invalid, string error)
    {
        var ns = await AnalysisManifests.CreateNamespaceAsync(_kubectl);
        var manifest = AnalysisManifests.SmallTemplate(ns, "bad");
        Assert.Contains(valid, manifest, StringComparison.Ordinal);

        var result = (await _kubectl.ApplyAsync(manifest.Replace(valid, invalid, StringComparison.Ordinal))).ShouldFail();

        Assert.Contains("The AnalysisTemplate \"bad\" is invalid: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(error, result.Stderr, StringComparison.Ordinal);
        (await _kubectl.RunAsync("get", "analysistemplate", "bad", "-n", ns)).ShouldFail();
    }

    [Fact]
    public async Task Metric_without_a_provider_is_rejected()
    {
        var ns = await AnalysisManifests.CreateNamespaceAsync(_kubectl);
        var manifest = AnalysisManifests.SmallTemplate(ns, "bad");
        var withoutProvider = manifest[..manifest.IndexOf("    provider:", StringComparison.Ordinal)] + manifest[manifest.IndexOf("  measurementRetention:", StringComparison.Ordinal)..];

        var result = (await _kubectl.ApplyAsync(withoutProvider)).ShouldFail();

        Assert.Contains("spec.metrics[0].provider: Required value", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metric_with_two_providers_is_rejected()
    {
        var ns = await AnalysisManifests.CreateNamespaceAsync(_kubectl);
        var manifest = AnalysisManifests.SmallTemplate(ns, "bad").Replace(
            "    provider:\n",
            "    provider:\n      prometheus: {address: 'http://prometheus:9090', query: up}\n",
            StringComparison.Ordinal);

        var result = (await _kubectl.ApplyAsync(manifest)).ShouldFail();

        Assert.Contains("spec.metrics[0].provider: Too many: 2: must have at most 1 item", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metric_with_an_empty_provider_is_rejected()
    {
        var ns = await AnalysisManifests.CreateNamespaceAsync(_kubectl);
        var manifest = AnalysisManifests.SmallTemplate(ns, "bad");
        var empty = manifest[..manifest.IndexOf("    provider:", StringComparison.Ordinal)] + "    provider: {}\n" + manifest[manifest.IndexOf("  measurementRetention:", StringComparison.Ordinal)..];

        var result = (await _kubectl.ApplyAsync(empty)).ShouldFail();

        Assert.Contains("spec.metrics[0].provider: Invalid value: 0: spec.metrics[0].provider in body should have at least 1 properties", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_metrics_of_one_name_are_rejected()
    {
        var ns = await AnalysisManifests.CreateNamespaceAsync(_kubectl);
        var manifest = AnalysisManifests.SmallTemplate(ns, "bad").Replace(
            "  measurementRetention:",
            "  - name: smoke\n    provider:\n      web: {url: 'http://other.test/'}\n  measurementRetention:",
            StringComparison.Ordinal);

        var result = (await _kubectl.ApplyAsync(manifest)).ShouldFail();

        Assert.Contains("spec.metrics[1]: Duplicate value: {\"name\":\"smoke\"}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_cluster_template_is_rejected_like_a_template()
    {
        await AnalysisManifests.InstallAsync(_kubectl);
        var manifest = AnalysisManifests.ClusterTemplate(KubectlSteps.UniqueName("bad"), AnalysisManifests.FullTemplateSpec.Replace("count: 5", "count: 0", StringComparison.Ordinal));

        var result = (await _kubectl.ApplyAsync(manifest)).ShouldFail();

        Assert.Contains("spec.metrics[0].count: Invalid value: 0: spec.metrics[0].count in body should be greater than or equal to 1", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"phase":"Done"}""",
        "status.phase: Unsupported value: \"Done\": supported values: \"Pending\", \"Running\", \"Successful\", \"Failed\", \"Error\", \"Inconclusive\"")]
    [InlineData("""{"metricResults":[{"name":"smoke","phase":"Passed"}]}""", "status.metricResults[0].phase: Unsupported value: \"Passed\"")]
    [InlineData("""{"metricResults":[{"name":"smoke","measurements":[{"phase":"Running"}]}]}""",
        "status.metricResults[0].measurements[0].phase: Unsupported value: \"Running\": supported values: \"Successful\", \"Failed\", \"Inconclusive\", \"Error\"")]
    [InlineData("""{"metricResults":[{"name":"smoke","failed":-1}]}""",
        "status.metricResults[0].failed: Invalid value: -1: status.metricResults[0].failed in body should be greater than or equal to 0")]
    [InlineData("""{"metricResults":[{"phase":"Running"}]}""", "status.metricResults[0].name: Required value")]
    [InlineData("""{"startedAt":"yesterday"}""", "status.startedAt: Invalid value: \"yesterday\": status.startedAt in body must be of type date-time")]
    public async Task Invalid_run_status_is_rejected_naming_the_field(string status, string error)
    {
        var ns = await AnalysisManifests.CreateNamespaceAsync(_kubectl);
        (await _kubectl.ApplyAsync(AnalysisManifests.Run(ns, "api-1", AnalysisManifests.FullRunSpec))).ShouldSucceed();

        var result = (await _kubectl.RunAsync("patch", "analysisrun", "api-1", "-n", ns, "--subresource=status", "--type=merge", "-p", $$"""{"status":{{status}}}"""))
            .ShouldFail();

        Assert.Contains("The AnalysisRun \"api-1\" is invalid: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(error, result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", await _kubectl.JsonPathAsync("{.status}", "analysisrun", "api-1", "-n", ns));
    }

    [Fact]
    public async Task Run_with_a_metric_without_a_provider_is_rejected()
    {
        var ns = await AnalysisManifests.CreateNamespaceAsync(_kubectl);
        var spec = "metrics:\n- name: smoke\n  successCondition: result == true\n";

        var result = (await _kubectl.ApplyAsync(AnalysisManifests.Run(ns, "bad", spec))).ShouldFail();

        Assert.Contains("spec.metrics[0].provider: Required value", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_fields_are_refused()
    {
        var ns = await AnalysisManifests.CreateNamespaceAsync(_kubectl);
        var manifest = AnalysisManifests.SmallTemplate(ns, "bad").Replace("timeoutSeconds: 5\n", "timeoutSeconds: 5\n        insecure: true\n", StringComparison.Ordinal);

        var result = (await _kubectl.ApplyAsync(manifest)).ShouldFail();

        Assert.Contains("strict decoding error: unknown field \"spec.metrics[0].provider.web.insecure\"", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _kubectl.Dispose();
}
