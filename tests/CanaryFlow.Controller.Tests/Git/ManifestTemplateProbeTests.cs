using System.Runtime.Versioning;
using CanaryFlow.Controller.Git;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Core.Git;
using static CanaryFlow.Controller.Tests.Git.ConfigRepoManifests;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>
/// The HEAD-already-fixed guard by content, and the revert executor end to end with it on a kustomized config repo.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ManifestTemplateProbeTests : IDisposable
{
    private readonly GitTestRepository _repository = new();
    private readonly RecordingLogger _logger = new();
    private readonly GitWorkspace _workspace;
    private readonly RolloutManifestReader _reader = new(new ManifestRenderOptions());
    private readonly string _v2;
    private readonly string _v3;

    public ManifestTemplateProbeTests()
    {
        _workspace = new GitWorkspace(new GitWorkspaceOptions(), _logger);
        _repository.Commit("v1", KustomizeLayout("production", "api:base", "api:v1"));
        _v2 = _repository.Commit("v2", new Dictionary<string, string?> { [$"{OverlayPath}/kustomization.yaml"] = OverlayKustomization("production", "api:v2") });
        _v3 = _repository.Commit("v3", new Dictionary<string, string?>
        {
            [$"{OverlayPath}/kustomization.yaml"] = OverlayKustomization("production", "api:v3"),
            [$"{OverlayPath}/extra-service.yaml"] = Service("api-preview"),
        });
    }

    [Fact]
    public async Task Head_yielding_the_aborted_template_is_reverted_to_the_stable_content()
    {
        var request = await RequestAsync();

        var result = await Executor().RevertAsync(Remote, request, CancellationToken.None);

        Assert.Equal(GitRevertResultKind.Pushed, result.Kind);
        Assert.Equal(_repository.TreeAt(_v2, OverlayPath), _repository.TreeAt("refs/heads/main", OverlayPath));
        // The revert's own content yields the stable template, not the aborted one.
        Assert.False(await ProbeAsync(result.Commit!, request));
    }

    [Fact]
    public async Task Head_fixed_by_hand_in_the_base_is_recognised_by_content()
    {
        var request = await RequestAsync();
        // The fix is in the base (an env var), outside the path: the path's files still equal v3's.
        var fixedHead = _repository.Commit("fix in base", new Dictionary<string, string?> { [$"{BasePath}/rollout.yaml"] = Rollout("api:base", extraEnv: Env("SAFE_MODE", "on")) });

        var result = await Executor().RevertAsync(Remote, request, CancellationToken.None);

        Assert.Equal(GitRevertResultKind.NotNeeded, result.Kind);
        Assert.Equal(fixedHead, _repository.RemoteRef("refs/heads/main"));
    }

    [Fact]
    public async Task A_path_removed_at_head_no_longer_yields_the_template()
    {
        var request = await RequestAsync();
        var removed = _repository.Commit("remove app", new Dictionary<string, string?> { ["apps/api"] = null });

        Assert.False(await ProbeAsync(removed, request));
    }

    [Fact]
    public async Task Broken_manifests_or_no_kustomize_cannot_be_judged_and_fail_the_revert()
    {
        var request = await RequestAsync();
        var broken = _repository.Commit("broken", new Dictionary<string, string?> { [$"{OverlayPath}/kustomization.yaml"] = "resources: [../../base\n" });

        var error = await Assert.ThrowsAsync<GitRevertException>(() => ProbeAsync(broken, request));
        Assert.Contains("cannot tell whether", error.Message, StringComparison.Ordinal);
        Assert.Contains("kustomize", error.Message, StringComparison.Ordinal);

        var withoutKustomize = new ManifestTemplateProbe(new RolloutManifestReader(new ManifestRenderOptions { KustomizeCommand = ["/nonexistent/kustomize"] }));
        await using var repository = await OpenAsync();
        var unavailable = await Assert.ThrowsAsync<GitRevertException>(() => withoutKustomize.YieldsAbortedTemplateAsync(repository, _v3, request, CancellationToken.None));
        Assert.Contains("/nonexistent/kustomize", unavailable.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _workspace.Dispose();
        _repository.Dispose();
    }

    private GitRemote Remote => new(_repository.Url, GitCredentials.None);

    private GitRevertExecutor Executor() =>
        new(_workspace, new ManifestTemplateProbe(_reader), new GitRevertRetryPolicy(3, TimeSpan.Zero, TimeSpan.Zero), TimeProvider.System, _logger);

    private async Task<GitRepository> OpenAsync()
    {
        var repository = await _workspace.OpenAsync(Remote, CancellationToken.None);
        await repository.FetchBranchAsync("main", CancellationToken.None);
        return repository;
    }

    private async Task<bool> ProbeAsync(string commit, RevertRequest request)
    {
        await using var repository = await OpenAsync();
        return await new ManifestTemplateProbe(_reader).YieldsAbortedTemplateAsync(repository, commit, request, CancellationToken.None);
    }

    // The request the controller would build: aborted hash = v3's template, stable revision = the finder's answer.
    private async Task<RevertRequest> RequestAsync()
    {
        await using var repository = await OpenAsync();
        var aborted = (await _reader.ReadAsync(repository, _v3, OverlayPath, CancellationToken.None)).Find("production", "api").TemplateHash!;
        var stableHash = (await _reader.ReadAsync(repository, _v2, OverlayPath, CancellationToken.None)).Find("production", "api").TemplateHash!;
        var stable = await new GitHealthyRevisionFinder(_reader, _logger).FindAsync(repository, new HealthyRevisionQuery("main", OverlayPath, "production", "api", stableHash, null), CancellationToken.None);
        Assert.Equal(_v2, stable?.Commit);
        return new RevertRequest("production", "api", aborted, stable!.Commit, "main", OverlayPath, GitRevertMode.Commit,
            new RevertReason("success-rate", "0.81", "result[0] >= 0.95"));
    }
}
