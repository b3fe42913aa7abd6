using CanaryFlow.Controller.Tests.Git;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.Controller.Tests.EndToEnd;

/// <summary>
/// The Git revert end to end in review-branch mode and across a controller killed right after an abort: a real bare
/// config repo, a kustomize overlay applied by the sync-tool harness with real <c>kubectl apply -k</c>, the controller
/// process, and a canary held at a pause step and aborted by hand (the abort path is the same as a failed analysis's).
/// </summary>
[Collection(ControllerClusterCollection.Name)]
public sealed class GitRevertRestartEndToEndTests(ControllerClusterFixture cluster) : IAsyncLifetime
{
    private const string _appPath = ApiConfigRepo.AppPath;
    private static readonly TimeSpan _long = EndToEndScope.Long;
    private EndToEndScope _scope = null!;
    private GitTestRepository _repository = null!;

    public async Task InitializeAsync()
    {
        _scope = await EndToEndScope.CreateAsync(cluster.Kubectl, "gitrestart");
        _repository = new GitTestRepository();
    }

    public async Task DisposeAsync()
    {
        await _scope.DisposeAsync();
        _repository.Dispose();
    }

    [Fact]
    public async Task Revert_branch_pushes_the_revert_to_a_review_branch_and_leaves_main_untouched()
    {
        var sync = new SyncToolHarness(cluster.Kubectl, _repository, _appPath);
        var layout = _repository.Commit("api: base, no overlay yet", BaseFiles("branch"));
        var v1 = _repository.Commit("api: release v1", Overlay("v1"));
        _scope.StartController();
        await sync.SyncAsync();
        await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Status(r, "git.stableRevision") == v1, "v1 healthy with its revision", _long);

        var v2 = _repository.Commit("api: release v2", Overlay("v2"));
        await sync.SyncAsync();
        var paused = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Paused" && EndToEndScope.Status(r, "git.canaryRevision") == v2, "v2 paused at its canary step", _long);
        var v2Hash = EndToEndScope.Status(paused, "currentPodHash");

        // A stable revision recorded for what spec.git named before (here: a commit where the path does not exist yet)
        // must not be trusted: restoring the path to it would delete the overlay. The revert re-checks it by content.
        await PatchStatusAsync("""{"status":{"git":{"stableRevision":"LAYOUT"}}}""".Replace("LAYOUT", layout, StringComparison.Ordinal));
        await PatchStatusAsync("""{"status":{"abort":true}}""");
        var reverted = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Status(r, "git.revertCommit") != "", "the revert commit", _long);

        var revert = EndToEndScope.Status(reverted, "git.revertCommit");
        Assert.Equal(revert, _repository.RemoteRef($"refs/heads/canaryflow/revert/{_scope.Namespace}-api-{v2Hash}"));
        Assert.Equal(v2, _repository.RemoteRef("refs/heads/main"));
        Assert.Equal(v2, GitTestRepository.Run(_repository.BarePath, "rev-parse", revert + "^").Trim());
        Assert.Equal(_repository.TreeAt(v1, _appPath), _repository.TreeAt(revert, _appPath));
        Assert.Equal(v2Hash, EndToEndScope.Status(reverted, "git.revertedHash"));
        Assert.Equal("Degraded", EndToEndScope.Phase(reverted));
        Assert.Contains("GitRevertPushed", await _scope.EventReasonsAsync());
    }

    [Fact]
    public async Task A_controller_killed_right_after_the_abort_and_restarted_makes_exactly_one_revert_commit()
    {
        var sync = new SyncToolHarness(cluster.Kubectl, _repository, _appPath);
        _repository.Commit("api: base, no overlay yet", BaseFiles("commit"));
        var v1 = _repository.Commit("api: release v1", Overlay("v1"));
        var first = _scope.StartController();
        await sync.SyncAsync();
        await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Status(r, "git.stableRevision") == v1, "v1 healthy with its revision", _long);
        var v2 = _repository.Commit("api: release v2", Overlay("v2"));
        await sync.SyncAsync();
        var paused = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Paused", "v2 paused at its canary step", _long);
        var v2Hash = EndToEndScope.Status(paused, "currentPodHash");

        await PatchStatusAsync("""{"status":{"abort":true}}""");
        await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Degraded" && EndToEndScope.Status(r, "git.rejected").Contains(v2Hash, StringComparison.Ordinal), "the abort recorded", _long);
        await first.KillAsync();

        // Whether the first run pushed, committed only, or never started: the next run ends with one revert.
        _scope.StartController();
        var reverted = await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Status(r, "git.revertCommit") != "", "the revert recorded", _long);
        var revert = EndToEndScope.Status(reverted, "git.revertCommit");
        Assert.Equal([revert], _repository.CommitsOn(v2 + "..refs/heads/main"));
        Assert.Equal(_repository.TreeAt(v1, _appPath), _repository.TreeAt(revert, _appPath));
        Assert.Single(GitTestRepository.Run(_repository.BarePath, "log", "--format=%H", "--grep", "CanaryFlow-Aborted-Template: " + v2Hash, "--all")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // Later reconciles (a resync after the restart) make no second one.
        await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Status(r, "git.revertedHash") == v2Hash, "the reverted template recorded", _long);
        Assert.Equal([revert], _repository.CommitsOn(v2 + "..refs/heads/main"));
    }

    private async Task PatchStatusAsync(string patch) =>
        (await cluster.Kubectl.RunAsync("patch", "rollout", "api", "-n", _scope.Namespace, "--subresource=status", "--type=merge", "-p", patch)).ShouldSucceed();

    /// <summary>The base: the Rollout with spec.git and a canary that pauses after its first step until promoted or aborted.</summary>
    private Dictionary<string, string?> BaseFiles(string revert) => ApiConfigRepo.Base(_repository.Url, revert, "[{setWeight: 50}, {pause: {}}]");

    private Dictionary<string, string?> Overlay(string release) => ApiConfigRepo.Overlay(_scope.Namespace, release);
}
