using System.Runtime.Versioning;
using CanaryFlow.Controller.Git;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Core.Git;
using static CanaryFlow.Controller.Tests.Git.ConfigRepoManifests;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>The stable template's commit found by content in real bare repositories, plain and kustomized.</summary>
[SupportedOSPlatform("linux")]
public sealed class GitHealthyRevisionFinderTests : IDisposable
{
    private const string _plainPath = "apps/api";
    private const string _plainFile = _plainPath + "/rollout.yaml";
    private readonly GitTestRepository _repository = new();
    private readonly RecordingLogger _logger = new();
    private readonly GitWorkspace _workspace;
    private readonly RolloutManifestReader _reader = new(new ManifestRenderOptions());
    private readonly RolloutManifestReader _hashReader = new(new ManifestRenderOptions());

    public GitHealthyRevisionFinderTests() => _workspace = new GitWorkspace(new GitWorkspaceOptions(), _logger);

    [Fact]
    public async Task Plain_yaml_the_newest_commit_yielding_the_hash_and_only_changes_of_the_path_rendered()
    {
        var v1 = _repository.Commit("v1", new Dictionary<string, string?> { [_plainFile] = Rollout("api:v1", "production") });
        var afterV1 = CommitElsewhere(3);
        _repository.Commit("v2", new Dictionary<string, string?> { [_plainFile] = Rollout("api:v2", "production") });
        var afterV2 = CommitElsewhere(3);
        var v3 = _repository.Commit("v3", new Dictionary<string, string?> { [_plainFile] = Rollout("api:v3", "production") });
        var hashes = await PlainHashesAsync(v1, afterV2, v3);

        var forV3 = await FindAsync(_plainPath, hashes[2]);
        var forV2 = await FindAsync(_plainPath, hashes[1]);
        var forV1 = await FindAsync(_plainPath, hashes[0]);

        Assert.Equal(new HealthyRevision(v3, false), forV3);
        // The newest commit whose manifests yield v2's template is the last unrelated commit before v3.
        Assert.Equal(new HealthyRevision(afterV2, false), forV2);
        Assert.Equal(new HealthyRevision(afterV1, false), forV1);
        // One render per distinct state of the path (v3, v2, v1) for nine commits and three searches, thanks to the cache.
        Assert.Equal(3, _reader.Renders);
    }

    [Fact]
    public async Task Commits_that_only_touch_another_path_render_as_their_parent_and_are_skipped()
    {
        var v1 = _repository.Commit("v1", new Dictionary<string, string?> { [_plainFile] = Rollout("api:v1", "production") });
        var v2 = _repository.Commit("v2", new Dictionary<string, string?> { [_plainFile] = Rollout("api:v2", "production") });
        // Another app's Rollout of the same name in a sibling directory: not under the path, never seen.
        _repository.Commit("web 1", new Dictionary<string, string?> { ["apps/web/rollout.yaml"] = Rollout("api:v1", "production") });
        var web2 = _repository.Commit("web 2", new Dictionary<string, string?> { ["apps/web/rollout.yaml"] = Rollout("api:v2", "production") });
        _repository.Commit("v3", new Dictionary<string, string?> { [_plainFile] = Rollout("api:v3", "production") });
        var hashes = await PlainHashesAsync(v1, v2);

        var forV1 = await FindAsync(_plainPath, hashes[0]);
        var rendersForV1 = _reader.Renders;
        var forV2 = await FindAsync(_plainPath, hashes[1]);

        Assert.Equal(new HealthyRevision(v1, false), forV1);
        // Head (v3), "web 2" (the state of v2) and v1: "web 1" and v2 itself render as "web 2" and are skipped.
        Assert.Equal(3, rendersForV1);
        Assert.Equal(new HealthyRevision(web2, false), forV2);
        Assert.Equal(3, _reader.Renders);
    }

    [Fact]
    public async Task A_kustomize_overlay_follows_changes_of_its_base_outside_the_path()
    {
        var k1 = _repository.Commit("v1", KustomizeLayout("production", "api:base", "api:v1"));
        var k2 = _repository.Commit("overlay v2", new Dictionary<string, string?> { [$"{OverlayPath}/kustomization.yaml"] = OverlayKustomization("production", "api:v2") });
        // Only the base changes: same image, one more variable; the overlay path is untouched.
        var k3 = _repository.Commit("base: add LOG_LEVEL", new Dictionary<string, string?> { [$"{BasePath}/rollout.yaml"] = Rollout("api:base", extraEnv: Env("LOG_LEVEL", "debug")) });
        var k4 = _repository.Commit("unrelated", new Dictionary<string, string?> { ["apps/web/rollout.yaml"] = Rollout("web:v1", "production", name: "web") });
        var hashes = await KustomizedHashesAsync(k1, k2, k3);

        Assert.Equal(new HealthyRevision(k4, false), await FindAsync(OverlayPath, hashes[2]));
        Assert.Equal(new HealthyRevision(k2, false), await FindAsync(OverlayPath, hashes[1]));
        Assert.Equal(new HealthyRevision(k1, false), await FindAsync(OverlayPath, hashes[0]));
        Assert.NotEqual(hashes[1], hashes[2]);
    }

    [Fact]
    public async Task A_hint_that_yields_the_hash_is_used()
    {
        var v1 = _repository.Commit("v1", new Dictionary<string, string?> { [_plainFile] = Rollout("api:v1", "production") });
        CommitElsewhere(2);
        _repository.Commit("v2", new Dictionary<string, string?> { [_plainFile] = Rollout("api:v2", "production") });
        var hashes = await PlainHashesAsync(v1);

        var found = await FindAsync(_plainPath, hashes[0], hint: v1);

        Assert.Equal(new HealthyRevision(v1, true), found);
    }

    [Fact]
    public async Task A_hint_that_yields_another_template_is_ignored()
    {
        var v1 = _repository.Commit("v1", new Dictionary<string, string?> { [_plainFile] = Rollout("api:v1", "production") });
        var v2 = _repository.Commit("v2", new Dictionary<string, string?> { [_plainFile] = Rollout("api:v2", "production") });
        var hashes = await PlainHashesAsync(v2);

        var found = await FindAsync(_plainPath, hashes[0], hint: v1);

        Assert.Equal(new HealthyRevision(v2, false), found);
        Assert.Contains(_logger.Entries, e => e.Message.Contains($"Revision hint {v1}", StringComparison.Ordinal) && e.Message.Contains("does not yield", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hint_naming_an_unknown_commit_or_no_commit_is_ignored()
    {
        var v1 = _repository.Commit("v1", new Dictionary<string, string?> { [_plainFile] = Rollout("api:v1", "production") });
        var hashes = await PlainHashesAsync(v1);

        Assert.Equal(new HealthyRevision(v1, false), await FindAsync(_plainPath, hashes[0], hint: "0123456789abcdef0123456789abcdef01234567"));
        Assert.Equal(new HealthyRevision(v1, false), await FindAsync(_plainPath, hashes[0], hint: "--all"));
    }

    [Fact]
    public async Task A_hint_on_another_branch_is_ignored_even_if_it_yields_the_hash()
    {
        var v1 = _repository.Commit("v1", new Dictionary<string, string?> { [_plainFile] = Rollout("api:v1", "production") });
        var hashes = await PlainHashesAsync(v1);
        var clone = _repository.NewClone();
        GitTestRepository.Run(clone, "checkout", "--quiet", "-b", "feature");
        GitTestRepository.Run(clone, "commit", "--quiet", "--allow-empty", "-m", "feature only");
        GitTestRepository.Run(clone, "push", "--quiet", "origin", "HEAD:refs/heads/feature");
        var feature = GitTestRepository.Head(clone);
        await using (var repository = await OpenAsync())
        {
            // The cached clone has the commit, as it would after a fetch of that branch for another Rollout.
            await repository.FetchBranchAsync("feature", CancellationToken.None);
        }

        Assert.Equal(new HealthyRevision(v1, false), await FindAsync(_plainPath, hashes[0], hint: feature));
    }

    [Fact]
    public async Task A_template_never_in_the_history_or_beyond_the_depth_is_null()
    {
        var v1 = _repository.Commit("v1", new Dictionary<string, string?> { [_plainFile] = Rollout("api:v1", "production") });
        _repository.Commit("v2", new Dictionary<string, string?> { [_plainFile] = Rollout("api:v2", "production") });
        CommitElsewhere(2);
        var hashes = await PlainHashesAsync(v1);

        Assert.Null(await FindAsync(_plainPath, "nohash0000"));
        Assert.Null(await FindAsync(_plainPath, hashes[0], maxDepth: 3));
        Assert.Equal(v1, (await FindAsync(_plainPath, hashes[0], maxDepth: 4))?.Commit);
        Assert.Null(await FindAsync("apps/missing", hashes[0]));
    }

    [Fact]
    public async Task A_rollout_of_another_namespace_or_name_does_not_count()
    {
        var v1 = _repository.Commit("v1", new Dictionary<string, string?> { [_plainFile] = Rollout("api:v1", "staging") });
        var hashes = await PlainHashesAsync(v1);

        Assert.Null(await FindAsync(_plainPath, hashes[0]));
        Assert.Null(await FindAsync(_plainPath, hashes[0], name: "web", ns: "staging"));
        Assert.NotNull(await FindAsync(_plainPath, hashes[0], ns: "staging"));
    }

    public void Dispose()
    {
        _workspace.Dispose();
        _repository.Dispose();
    }

    private string CommitElsewhere(int count)
    {
        var last = "";
        for (var i = 0; i < count; i++)
        {
            last = _repository.Commit($"web {i}", new Dictionary<string, string?> { ["apps/web/config.yaml"] = $"n: {Guid.NewGuid():N}\n" });
        }

        return last;
    }

    private async Task<GitRepository> OpenAsync()
    {
        var repository = await _workspace.OpenAsync(new GitRemote(_repository.Url, GitCredentials.None), CancellationToken.None);
        await repository.FetchBranchAsync("main", CancellationToken.None);
        return repository;
    }

    private async Task<HealthyRevision?> FindAsync(string path, string hash, string? hint = null, int maxDepth = GitHealthyRevisionFinder.DefaultMaxDepth, string ns = "production", string name = "api")
    {
        await using var repository = await OpenAsync();
        var finder = new GitHealthyRevisionFinder(_reader, _logger, maxDepth);
        return await finder.FindAsync(repository, new HealthyRevisionQuery("main", path, ns, name, hash, hint), CancellationToken.None);
    }

    // The hash each commit's manifests yield, read through the renderer (its equality with the controller's hash of
    // the applied Rollout is proven in TemplateHashAgreementTests).
    private Task<string[]> PlainHashesAsync(params string[] commits) => HashesAsync(_plainPath, commits);

    private Task<string[]> KustomizedHashesAsync(params string[] commits) => HashesAsync(OverlayPath, commits);

    private async Task<string[]> HashesAsync(string path, string[] commits)
    {
        await using var repository = await OpenAsync();
        var hashes = new List<string>();
        foreach (var commit in commits)
        {
            var manifests = await _hashReader.ReadAsync(repository, commit, path, CancellationToken.None);
            var rollout = Assert.Single(manifests.Rollouts, r => r.Name == "api");
            hashes.Add(rollout.TemplateHash!);
        }

        return [.. hashes];
    }
}
