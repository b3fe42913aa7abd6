using CanaryFlow.Controller.Demo;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Controller.Tests.Demo;

/// <summary>The demo's config repo with real git: seeded from examples/, releases of one line, and finding CanaryFlow's revert by its trailer.</summary>
public sealed class ConfigRepoTests : IDisposable
{
    private const string _overlayPath = "apps/storefront/overlays/demo";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("canaryflow-config-repo-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task A_release_is_one_commit_that_changes_one_line_of_the_overlay()
    {
        var repo = await CreateAsync();

        var release = await repo.ReleaseAsync(_overlayPath, "v2", CancellationToken.None);

        var stat = await repo.ShowStatAsync(release, CancellationToken.None);
        Assert.Contains("storefront: release v2", stat, StringComparison.Ordinal);
        Assert.Contains($"{_overlayPath}/kustomization.yaml | 2 +-", stat, StringComparison.Ordinal);
        Assert.Contains("1 file changed, 1 insertion(+), 1 deletion(-)", stat, StringComparison.Ordinal);
        Assert.Contains("newTag: v2", await repo.ShowFileAsync(release, _overlayPath + "/kustomization.yaml", CancellationToken.None), StringComparison.Ordinal);

        // The whole of examples/ is in the repo, as a team's config repo holds every app and tool.
        var files = await ConfigRepo.GitAsync(repo.CloneDirectory, CancellationToken.None, "ls-tree", "-r", "--name-only", "origin/main");
        Assert.Contains("apps/storefront/overlays/production/kustomization.yaml", files, StringComparison.Ordinal);
        Assert.Contains("argocd/argocd-cm-rollout-health.yaml", files, StringComparison.Ordinal);
        Assert.Contains("flux/storefront-staging.yaml", files, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revert_pushed_by_someone_else_is_found_by_its_trailer_and_nothing_before_it_counts()
    {
        var repo = await CreateAsync();
        var v3 = await repo.ReleaseAsync(_overlayPath, "v3", CancellationToken.None);
        Assert.Null(await repo.FindRevertAsync(v3, CancellationToken.None));

        // What the controller does: its own clone, a commit with the trailer, a push.
        var other = Path.Combine(_directory.FullName, "controller");
        await ConfigRepo.GitAsync(_directory.FullName, CancellationToken.None, "clone", "--quiet", repo.Url, other);
        await ConfigRepo.GitAsync(other, CancellationToken.None, "-c", "user.name=CanaryFlow", "-c", "user.email=canaryflow@example.com", "revert", "--no-edit", "HEAD");
        await ConfigRepo.GitAsync(other, CancellationToken.None, "-c", "user.name=CanaryFlow", "-c", "user.email=canaryflow@example.com", "commit", "--amend", "--quiet", "-m", "Revert storefront-demo/storefront\n\nCanaryFlow-Rollout: storefront-demo/storefront");
        await ConfigRepo.GitAsync(other, CancellationToken.None, "push", "--quiet", "origin", "HEAD:main");
        var pushed = (await ConfigRepo.GitAsync(other, CancellationToken.None, "rev-parse", "HEAD")).Trim();

        Assert.Equal(pushed, await repo.FindRevertAsync(v3, CancellationToken.None));
        Assert.Null(await repo.FindRevertAsync(pushed, CancellationToken.None));
        Assert.Contains("newTag: v1", await repo.ShowFileAsync(pushed, _overlayPath + "/kustomization.yaml", CancellationToken.None), StringComparison.Ordinal);
    }

    private Task<ConfigRepo> CreateAsync()
    {
        var overlay = new DemoOverlay(DemoEnvironment.Namespace, "file:///unused", DemoTimings.Fast, null, "http://127.0.0.1:1/stats");
        return ConfigRepo.CreateAsync(_directory.FullName, RepositoryRoot.File("examples"), _overlayPath, overlay.Files(), CancellationToken.None);
    }
}
