using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using CanaryFlow.Controller.Git;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Core.Git;
using static CanaryFlow.Controller.Tests.Git.ConfigRepoManifests;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>Rendering a path at a commit of a real bare repository: plain files from the tree, kustomize on a checkout.</summary>
[SupportedOSPlatform("linux")]
public sealed class ManifestRendererTests : IDisposable
{
    private readonly GitTestRepository _repository = new();
    private readonly GitWorkspace _workspace = new(new GitWorkspaceOptions(), new RecordingLogger());

    private GitRemote Remote => new(_repository.Url, GitCredentials.None);

    [Fact]
    public async Task A_plain_directory_yields_every_yaml_yml_and_json_document_recursively_and_skips_the_rest()
    {
        var commit = _repository.Commit("plain", new Dictionary<string, string?>
        {
            ["apps/api/rollout.yaml"] = Rollout("api:v1", "production") + "\n---\n" + Service(),
            ["apps/api/nested/web.yml"] = Rollout("web:v1", "production", name: "web"),
            ["apps/api/config.json"] = """{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"ratio": "1.0"}}""",
            ["apps/api/README.md"] = "# not a manifest: {",
            ["apps/api/.github/workflow.yaml"] = "not: [a manifest",
            ["apps/other/rollout.yaml"] = Rollout("other:v1", "production"),
        });

        var rendered = await RenderAsync(commit, "./apps/api/");

        Assert.False(rendered.Kustomized);
        Assert.Equal(["ConfigMap", "Rollout", "Rollout", "Service"], rendered.Documents.Select(d => d!["kind"]!.GetValue<string>()).Order());
        var rollouts = RenderedRolloutReader.Read(rendered.Documents);
        Assert.Equal(["web", "api"], rollouts.Select(r => r.Name));
    }

    [Fact]
    public async Task A_kustomize_overlay_is_built_with_its_base_namespace_and_patch()
    {
        var commit = _repository.Commit("kustomize", KustomizeLayout("production", "api:v1", "api:v2"));

        var rendered = await RenderAsync(commit, OverlayPath);

        Assert.True(rendered.Kustomized);
        var rollout = Assert.Single(rendered.Documents, d => d!["kind"]!.GetValue<string>() == "Rollout")!;
        Assert.Equal("production", rollout["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("production", rollout["metadata"]!["labels"]!["env"]!.GetValue<string>());
        Assert.Equal("api:v2", rollout["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_path_is_a_typed_failure()
    {
        var commit = _repository.Commit("v1", new Dictionary<string, string?> { ["apps/api/rollout.yaml"] = Rollout("api:v1") });

        var error = await Assert.ThrowsAsync<ManifestRenderException>(() => RenderAsync(commit, "apps/web"));

        Assert.Equal(ManifestRenderFailure.PathNotFound, error.Reason);
        Assert.Contains($"apps/web at {commit[..12]}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_yaml_is_a_typed_failure_naming_the_file_and_position()
    {
        var commit = _repository.Commit("broken", new Dictionary<string, string?>
        {
            ["apps/api/rollout.yaml"] = Rollout("api:v1"),
            ["apps/api/broken.yaml"] = "kind: Rollout\nmetadata: {name: [unclosed\n",
        });

        var error = await Assert.ThrowsAsync<ManifestRenderException>(() => RenderAsync(commit, "apps/api"));

        Assert.Equal(ManifestRenderFailure.InvalidManifest, error.Reason);
        Assert.Contains("apps/api/broken.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_kustomize_build_is_a_typed_failure_with_kustomizes_words_and_no_temp_path()
    {
        var commit = _repository.Commit("bad overlay", new Dictionary<string, string?>
        {
            [$"{OverlayPath}/kustomization.yaml"] = "resources: [../../base, missing.yaml]\n",
        });

        var error = await Assert.ThrowsAsync<ManifestRenderException>(() => RenderAsync(commit, OverlayPath));

        Assert.Equal(ManifestRenderFailure.KustomizeFailed, error.Reason);
        Assert.Contains("kubectl kustomize", error.Message, StringComparison.Ordinal);
        Assert.Contains("base", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("canaryflow-checkout-", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_kustomize_binary_is_cannot_verify_rather_than_nothing_rendered()
    {
        var commit = _repository.Commit("kustomize", KustomizeLayout("production", "api:v1", "api:v2"));
        var renderer = new ManifestRenderer(new ManifestRenderOptions { KustomizeCommand = ["/nonexistent/kustomize", "build"] });
        await using var repository = await OpenAsync();

        var error = await Assert.ThrowsAsync<ManifestRenderException>(() => renderer.RenderAsync(repository, commit, OverlayPath, CancellationToken.None));

        Assert.Equal(ManifestRenderFailure.KustomizeUnavailable, error.Reason);
        Assert.False(error.IsContentProblem);
    }

    [Fact]
    public async Task A_kustomize_build_that_hangs_is_killed_at_the_timeout()
    {
        var commit = _repository.Commit("kustomize", KustomizeLayout("production", "api:v1", "api:v2"));
        // A "kustomize" that never answers; the directory becomes $1, which the script ignores.
        var renderer = new ManifestRenderer(new ManifestRenderOptions { KustomizeCommand = ["sh", "-c", "sleep 600", "kustomize"], KustomizeTimeout = TimeSpan.FromMilliseconds(300) });
        await using var repository = await OpenAsync();

        var error = await Assert.ThrowsAsync<ManifestRenderException>(() => renderer.RenderAsync(repository, commit, OverlayPath, CancellationToken.None));

        Assert.Equal(ManifestRenderFailure.KustomizeTimedOut, error.Reason);
    }

    public void Dispose()
    {
        _workspace.Dispose();
        _repository.Dispose();
    }

    private async Task<GitRepository> OpenAsync()
    {
        var repository = await _workspace.OpenAsync(Remote, CancellationToken.None);
        await repository.FetchBranchAsync("main", CancellationToken.None);
        return repository;
    }

    private async Task<RenderedManifests> RenderAsync(string commit, string path)
    {
        await using var repository = await OpenAsync();
        return await new ManifestRenderer(new ManifestRenderOptions()).RenderAsync(repository, commit, path, CancellationToken.None);
    }
}
