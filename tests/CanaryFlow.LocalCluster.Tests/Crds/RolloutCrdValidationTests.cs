using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.LocalCluster.Tests.Conformance;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Crds;

/// <summary>
/// What the Rollout schema keeps and refuses, through the real kubectl: every documented field is stored as
/// written (nothing pruned), unknown fields survive only inside spec.template, and out-of-range values, unknown enum
/// values and steps with other than one type are refused naming the field.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class RolloutCrdValidationTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Theory]
    [InlineData("setWeight: 20", "setWeight: 150",
        "spec.strategy.canary.steps[0].setWeight: Invalid value: 150: spec.strategy.canary.steps[0].setWeight in body should be less than or equal to 100")]
    [InlineData("failurePolicy: abort", "failurePolicy: bogus",
        "spec.strategy.canary.failurePolicy: Unsupported value: \"bogus\": supported values: \"abort\", \"pause\"")]
    [InlineData("replicas: 5", "replicas: -1",
        "spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0")]
    [InlineData("failurePolicy: abort", "maxSurge: true",
        "spec.strategy.canary.maxSurge: Invalid value: \"boolean\": spec.strategy.canary.maxSurge in body must be of type integer,string")]
    [InlineData("- setWeight: 20", "- {setWeight: 20, pause: {}}", "spec.strategy.canary.steps[0]: Too many: 2")]
    [InlineData("- setWeight: 20", "- {}", "spec.strategy.canary.steps[0]: Invalid value: 0: spec.strategy.canary.steps[0] in body should have at least 1 properties")]
    public async Task Invalid_rollout_is_rejected_naming_the_field(string valid, string invalid, string error)
    {
        var ns = await RolloutManifests.CreateNamespaceAsync(_kubectl);
        var manifest = RolloutManifests.Rollout(ns, "bad");
        Assert.Contains(valid, manifest, StringComparison.Ordinal);

        var result = (await _kubectl.ApplyAsync(manifest.Replace(valid, invalid, StringComparison.Ordinal))).ShouldFail();

        Assert.Contains("The Rollout \"bad\" is invalid: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(error, result.Stderr, StringComparison.Ordinal);
        (await _kubectl.RunAsync("get", "rollout", "bad", "-n", ns)).ShouldFail();
    }

    [Fact]
    public async Task Invalid_git_revert_mode_is_rejected()
    {
        var ns = await RolloutManifests.CreateNamespaceAsync(_kubectl);
        var spec = RolloutManifests.FullSpec.Replace("revert: branch", "revert: force", StringComparison.Ordinal);

        var result = (await _kubectl.ApplyAsync(RolloutManifests.WithSpec(ns, "bad", spec))).ShouldFail();

        Assert.Contains("spec.git.revert: Unsupported value: \"force\": supported values: \"commit\", \"branch\", \"none\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_with_an_unknown_phase_is_rejected()
    {
        var ns = await RolloutManifests.CreateNamespaceAsync(_kubectl);
        (await _kubectl.ApplyAsync(RolloutManifests.Rollout(ns, "api"))).ShouldSucceed();

        var result = (await _kubectl.RunAsync("patch", "rollout", "api", "-n", ns, "--subresource=status", "--type=merge", "-p", """{"status":{"phase":"Exploded"}}"""))
            .ShouldFail();

        Assert.Contains("status.phase: Unsupported value: \"Exploded\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_spec_field_is_stored_as_written()
    {
        var ns = await RolloutManifests.CreateNamespaceAsync(_kubectl);

        (await _kubectl.ApplyAsync(RolloutManifests.WithSpec(ns, "full", RolloutManifests.FullSpec))).ShouldSucceed();

        var stored = (await _kubectl.GetJsonAsync("rollout", "full", "-n", ns))["spec"];
        var written = YamlJsonConverter.Parse(RolloutManifests.FullSpec);
        Assert.True(JsonNode.DeepEquals(written, stored), $"stored spec differs from the written one:\n{stored?.ToJsonString()}");
    }

    [Fact]
    public async Task Every_status_field_is_stored_as_written()
    {
        var ns = await RolloutManifests.CreateNamespaceAsync(_kubectl);
        (await _kubectl.ApplyAsync(RolloutManifests.Rollout(ns, "api"))).ShouldSucceed();

        (await _kubectl.RunAsync("patch", "rollout", "api", "-n", ns, "--subresource=status", "--type=merge", "-p", $$"""{"status":{{RolloutManifests.FullStatus}}}"""))
            .ShouldSucceed();

        var stored = (await _kubectl.GetJsonAsync("rollout", "api", "-n", ns))["status"];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(RolloutManifests.FullStatus), stored), $"stored status differs from the written one:\n{stored?.ToJsonString()}");
    }

    [Fact]
    public async Task Unknown_fields_inside_the_template_are_kept()
    {
        var ns = await RolloutManifests.CreateNamespaceAsync(_kubectl);
        var manifest = RolloutManifests.Rollout(ns, "api").Replace(
            "image: registry.example.com/api:1.2.3\n",
            "image: registry.example.com/api:1.2.3\n        futureField: {enabled: true, level: 3}\n      futurePodField: [a, b]\n",
            StringComparison.Ordinal);

        (await _kubectl.ApplyAsync(manifest)).ShouldSucceed();

        var template = (await _kubectl.GetJsonAsync("rollout", "api", "-n", ns))["spec"]!["template"]!;
        Assert.Equal("""{"enabled":true,"level":3}""", template["spec"]!["containers"]![0]!["futureField"]!.ToJsonString());
        Assert.Equal("""["a","b"]""", template["spec"]!["futurePodField"]!.ToJsonString());
    }

    [Fact]
    public async Task Unknown_fields_outside_the_template_are_refused()
    {
        var ns = await RolloutManifests.CreateNamespaceAsync(_kubectl);
        var manifest = RolloutManifests.Rollout(ns, "bad").Replace("failurePolicy: abort", "failurePolicy: abort\n      maxWeight: 50", StringComparison.Ordinal);

        var result = (await _kubectl.ApplyAsync(manifest)).ShouldFail();

        Assert.Contains("strict decoding error: unknown field \"spec.strategy.canary.maxWeight\"", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _kubectl.Dispose();
}
