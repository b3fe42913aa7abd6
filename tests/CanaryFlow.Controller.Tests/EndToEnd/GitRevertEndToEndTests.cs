using System.Text.Json.Nodes;
using CanaryFlow.Controller.Tests.Git;
using CanaryFlow.Controller.Tests.Infrastructure.Prometheus;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.Controller.Tests.EndToEnd;

/// <summary>
/// The GitOps-consistent rollback end to end (semantics §6): a real bare config repo with a kustomize base and
/// overlay, a harness playing the sync tool with real <c>kubectl apply -k</c>, the controller process, and a canary
/// analysis against real Prometheus. v1 healthy, v2 promoted, v3 fails its analysis and is reverted in Git by the
/// controller; the re-sync brings v2 back without steps.
/// </summary>
[Collection(ControllerClusterCollection.Name)]
public sealed class GitRevertEndToEndTests(ControllerClusterFixture cluster, PrometheusFixture prometheus) : IAsyncLifetime, IClassFixture<PrometheusFixture>
{
    private const string _appPath = ApiConfigRepo.AppPath;
    private static readonly TimeSpan _long = EndToEndScope.Long;
    private EndToEndScope _scope = null!;
    private GitTestRepository _repository = null!;

    public async Task InitializeAsync()
    {
        _scope = await EndToEndScope.CreateAsync(cluster.Kubectl, "gitrevert");
        _repository = new GitTestRepository();
        prometheus.Workload.SetErrorRatio(Version("v2"), 0);
        prometheus.Workload.SetErrorRatio(Version("v3"), 0.5);
        await prometheus.WaitForValueAsync(WorkloadApp.ErrorRatioQuery(Version("v3")), v => v > 0.05, _long);
    }

    public async Task DisposeAsync()
    {
        await _scope.DisposeAsync();
        _repository.Dispose();
    }

    [Fact]
    public async Task An_aborted_canary_is_reverted_in_git_and_the_resync_returns_to_stable_without_steps()
    {
        var sync = new SyncToolHarness(cluster.Kubectl, _repository, _appPath);
        _repository.Commit("api: base and production overlay", BaseFiles());
        var v1 = _repository.Commit("api: release v1", Overlay("v1"));
        _scope.StartController();
        await sync.SyncAsync();
        var healthy = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Healthy" && EndToEndScope.Status(r, "git.stableRevision") != "", "v1 healthy with its revision", _long);
        Assert.Equal(v1, EndToEndScope.Status(healthy, "git.stableRevision"));

        var v2 = _repository.Commit("api: release v2", Overlay("v2"));
        await sync.SyncAsync();
        var promoted = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Healthy" && EndToEndScope.Status(r, "git.stableRevision") == v2, "v2 promoted with its revision", _long);
        var v2Hash = EndToEndScope.Status(promoted, "stableRS");

        var v3 = _repository.Commit("api: release v3", Overlay("v3"));
        await sync.SyncAsync();
        var reverted = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Status(r, "git.revertCommit") != "", "the revert commit", _long);
        var v3Hash = EndToEndScope.Status(reverted, "currentPodHash");
        var revert = EndToEndScope.Status(reverted, "git.revertCommit");
        Assert.Equal("Degraded", EndToEndScope.Phase(reverted));
        Assert.Equal(v3Hash, EndToEndScope.Status(reverted, "git.revertedHash"));
        Assert.Equal(v3, EndToEndScope.Status(reverted, "git.canaryRevision"));
        Assert.Equal(v2Hash, await _scope.JsonPathAsync("{.spec.selector.rollouts-pod-template-hash}", "svc", "api-stable", "-n", _scope.Namespace));

        // One commit on top of v3, restoring the path to v2's tree and nothing else, explained in its message.
        Assert.Equal(revert, _repository.RemoteRef("refs/heads/main"));
        Assert.Equal(v3, GitTestRepository.Run(_repository.BarePath, "rev-parse", revert + "^").Trim());
        Assert.Equal(_repository.TreeAt(v2, _appPath), _repository.TreeAt(revert, _appPath));
        Assert.Equal(_repository.TreeAt(v3, "apps/api/base"), _repository.TreeAt(revert, "apps/api/base"));
        var message = GitTestRepository.Run(_repository.BarePath, "log", "-1", "--format=%B", revert);
        Assert.StartsWith($"Revert {_scope.Namespace}/api to {v2[..7]}", message, StringComparison.Ordinal);
        Assert.Contains("error-rate", message, StringComparison.Ordinal);
        Assert.Contains("failureCondition result[0] > 0.05 is true", message, StringComparison.Ordinal);
        Assert.Contains($"CanaryFlow-Rollout: {_scope.Namespace}/api", message, StringComparison.Ordinal);
        Assert.Contains($"CanaryFlow-Aborted-Template: {v3Hash}", message, StringComparison.Ordinal);
        Assert.Contains("GitRevertPushed", await _scope.EventReasonsAsync());

        // The sync tool applies the revert: the stable template again, a fast rollback without steps or analysis.
        var runsBefore = await AnalysisRunCountAsync();
        Assert.Equal(revert, await sync.SyncAsync());
        var back = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Healthy" && EndToEndScope.Status(r, "currentPodHash") == v2Hash, "Healthy on v2 again", _long);
        Assert.Equal(v2Hash, EndToEndScope.Status(back, "stableRS"));
        Assert.Equal(await AnalysisRunCountAsync(), runsBefore);
        Assert.Contains("RolloutRolledBack", await _scope.EventReasonsAsync());
        Assert.Equal([revert], GitTestRepository.Run(_repository.BarePath, "log", "--format=%H", v3 + "..main").Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // Someone re-applies v3: rejected, no canary until retry.
        await sync.ApplyCommitAsync(v3);
        var rejected = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Status(r, "currentPodHash") == v3Hash && EndToEndScope.Phase(r) == "Degraded", "v3 rejected", _long);
        Assert.Contains("retry", EndToEndScope.Status(rejected, "abortReason"), StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(runsBefore, await AnalysisRunCountAsync());
        Assert.Equal("0", await _scope.JsonPathAsync("{.spec.replicas}", "rs", $"api-{v3Hash}", "-n", _scope.Namespace));
        Assert.Equal([revert], GitTestRepository.Run(_repository.BarePath, "log", "--format=%H", v3 + "..main").Split('\n', StringSplitOptions.RemoveEmptyEntries));

        (await cluster.Kubectl.RunAsync("patch", "rollout", "api", "-n", _scope.Namespace, "--subresource=status", "--type=merge", "-p", """{"status":{"abort":false}}""")).ShouldSucceed();
        await Eventually.UntilAsync(AnalysisRunCountAsync, n => n > runsBefore, "the retried canary's analysis", _long);
    }

    [Fact]
    public async Task Wrong_credentials_report_GitRevertFailed_keep_traffic_on_stable_and_never_log_the_secret()
    {
        const string token = "cf-secret-token-4b1d2c9e";
        await using var server = await GitHttpBackendServer.StartAsync(_repository.Root, "git", "the-right-token");
        GitHttpBackendServer.EnablePush(_repository.BarePath);
        (await cluster.Kubectl.RunAsync("create", "secret", "generic", "config-repo", "-n", _scope.Namespace, "--from-literal=token=" + token)).ShouldSucceed();
        var sync = new SyncToolHarness(cluster.Kubectl, _repository, _appPath);
        _repository.Commit("api: base and production overlay", BaseFiles(repoUrl: server.Url("origin.git"), secret: "config-repo"));
        _repository.Commit("api: release v2", Overlay("v2"));
        var controller = _scope.StartController("--log-level", "trace");
        await sync.SyncAsync();
        await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Healthy", "v2 healthy", _long);

        var v3 = _repository.Commit("api: release v3", Overlay("v3"));
        await sync.SyncAsync();
        var failed = await Eventually.UntilAsync(_scope.RolloutAsync, r => Condition(r, "GitRevertFailed")?["status"]?.GetValue<string>() == "True", "GitRevertFailed", _long);

        var condition = Condition(failed, "GitRevertFailed")!;
        Assert.Equal("GitAuthenticationFailed", condition["reason"]!.GetValue<string>());
        Assert.Contains("traffic stays on stable", condition["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Degraded", EndToEndScope.Phase(failed));
        Assert.Equal(EndToEndScope.Status(failed, "stableRS"), await _scope.JsonPathAsync("{.spec.selector.rollouts-pod-template-hash}", "svc", "api-stable", "-n", _scope.Namespace));
        Assert.Equal("", EndToEndScope.Status(failed, "git.revertCommit"));
        Assert.Contains("GitRevertFailed", await _scope.EventReasonsAsync());
        Assert.True(server.Rejected > 0);
        Assert.Equal(v3, _repository.RemoteRef("refs/heads/main"));
        Assert.DoesNotContain(token, controller.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(token, failed.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, string.Join('\n', (await _scope.EventsAsync()).Select(e => e.ToJsonString())), StringComparison.Ordinal);
    }

    private static JsonNode? Condition(JsonNode rollout, string type) =>
        rollout["status"]?["conditions"]?.AsArray().FirstOrDefault(c => c?["type"]?.GetValue<string>() == type);

    private async Task<int> AnalysisRunCountAsync()
    {
        var result = (await cluster.Kubectl.RunAsync("get", "analysisruns", "-n", _scope.Namespace, "-o", "json")).ShouldSucceed();
        return JsonNode.Parse(result.Stdout)!["items"]!.AsArray().Count;
    }

    private string Version(string release) => release + "-" + _scope.Namespace;

    /// <summary>The base: the Rollout with an analysis step and the analysis template; the Services come from the scope.</summary>
    private Dictionary<string, string?> BaseFiles(string? repoUrl = null, string? secret = null) => ApiConfigRepo.Base(
        repoUrl ?? _repository.Url,
        "commit",
        "[{setWeight: 50}, {analysis: {templates: [{templateName: error-rate}], args: [{name: version, value: unset}]}}, {setWeight: 100}]",
        secret,
        new Dictionary<string, string>
        {
            ["analysis-template.yaml"] = $$$"""
                apiVersion: canaryflow.io/v1alpha1
                kind: AnalysisTemplate
                metadata:
                  name: error-rate
                spec:
                  args: [{name: version}]
                  metrics:
                  - name: error-rate
                    interval: 1s
                    count: 3
                    failureCondition: result[0] > 0.05
                    provider:
                      prometheus:
                        address: "{{{prometheus.Address}}}"
                        query: '{{{WorkloadApp.ErrorRatioQuery("{{args.version}}")}}}'
                """,
        });

    /// <summary>The production overlay of one release: its namespace, its image and the version its analysis measures.</summary>
    private Dictionary<string, string?> Overlay(string release) => ApiConfigRepo.Overlay(_scope.Namespace, release, $"""
        - op: replace
          path: /spec/strategy/canary/steps/1/analysis/args/0/value
          value: {Version(release)}
        """);
}
