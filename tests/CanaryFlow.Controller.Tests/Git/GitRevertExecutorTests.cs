using System.Runtime.Versioning;
using CanaryFlow.Controller.Git;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Core.Git;

namespace CanaryFlow.Controller.Tests.Git;

[SupportedOSPlatform("linux")]
public sealed class GitRevertExecutorTests : IDisposable
{
    private const string _appPath = "apps/api/overlays/production";
    private const string _rolloutFile = _appPath + "/rollout.yaml";
    private readonly GitTestRepository _repository = new();
    private readonly RecordingLogger _logger = new();
    private readonly GitWorkspace _workspace;
    private readonly ImageTemplateProbe _probe = new(_rolloutFile, "api:v3");
    private readonly string _v2;
    private readonly string _v3;

    public GitRevertExecutorTests()
    {
        _workspace = new GitWorkspace(new GitWorkspaceOptions(), _logger);
        _repository.Commit("v1", new Dictionary<string, string?> { [_rolloutFile] = "image: api:v1\n", ["apps/web/rollout.yaml"] = "image: web:v1\n" });
        _v2 = _repository.Commit("v2", new Dictionary<string, string?> { [_rolloutFile] = "image: api:v2\n", [_appPath + "/kustomization.yaml"] = "resources: [rollout.yaml]\n" });
        _v3 = _repository.Commit("Bump api to v3", new Dictionary<string, string?>
        {
            [_rolloutFile] = "image: api:v3\n",
            [_appPath + "/added-in-v3.yaml"] = "extra\n",
            [_appPath + "/kustomization.yaml"] = null,
            ["apps/web/rollout.yaml"] = "image: web:v2\n",
        });
    }

    private GitRemote Remote => new(_repository.Url, GitCredentials.None);

    private RevertRequest Request => new("production", "api", "hash-v3", _v2, "main", _appPath, GitRevertMode.Commit,
        new RevertReason("success-rate", "0.81", "result[0] >= 0.95"));

    [Fact]
    public async Task The_revert_commit_restores_the_path_to_the_stable_revision_and_leaves_other_paths_alone()
    {
        var result = await Executor().RevertAsync(Remote, Request, CancellationToken.None);

        Assert.Equal(GitRevertResultKind.Pushed, result.Kind);
        var head = _repository.RemoteRef("refs/heads/main");
        Assert.Equal(result.Commit, head);
        Assert.Equal(_repository.TreeAt(_v2, _appPath), _repository.TreeAt(head!, _appPath));
        Assert.Equal("image: web:v2\n", _repository.Show(head!, "apps/web/rollout.yaml"));
        Assert.Equal([head!], _repository.CommitsOn($"{_v3}..{head}"));
        var message = _repository.Message(head!);
        Assert.StartsWith($"Revert production/api to {_v2[..12]}: canary hash-v3 aborted", message, StringComparison.Ordinal);
        Assert.Contains("measured 0.81 against result[0] >= 0.95", message, StringComparison.Ordinal);
        Assert.Contains($"CanaryFlow-Reverts: {_v3}", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_commit_pushed_between_fetch_and_push_is_kept_and_the_revert_goes_on_top()
    {
        string? theirs = null;
        var other = _repository.NewClone();
        _probe.BeforeAnswer = call =>
        {
            if (call == 1)
            {
                theirs = _repository.Commit("unrelated change", new Dictionary<string, string?> { ["apps/web/config.yaml"] = "x\n" }, other);
            }
        };

        var result = await Executor().RevertAsync(Remote, Request, CancellationToken.None);

        Assert.Equal(GitRevertResultKind.Pushed, result.Kind);
        Assert.Equal(2, _probe.Calls);
        Assert.Contains(theirs!, _repository.CommitsOn("refs/heads/main"));
        Assert.Equal("x\n", _repository.Show("refs/heads/main", "apps/web/config.yaml"));
        Assert.Equal(_repository.TreeAt(_v2, _appPath), _repository.TreeAt("refs/heads/main", _appPath));
        Assert.Equal(1, RevertCommitsOnMain());
    }

    [Fact]
    public async Task Head_already_fixed_by_someone_else_means_no_commit()
    {
        var fixedHead = _repository.Commit("manual fix", new Dictionary<string, string?> { [_rolloutFile] = "image: api:v2\n" });

        var result = await Executor().RevertAsync(Remote, Request, CancellationToken.None);

        Assert.Equal(GitRevertResultKind.NotNeeded, result.Kind);
        Assert.Equal(fixedHead, _repository.RemoteRef("refs/heads/main"));
    }

    [Fact]
    public async Task A_controller_killed_after_committing_and_before_pushing_leaves_exactly_one_revert_after_restart()
    {
        await using (var repository = await _workspace.OpenAsync(Remote, CancellationToken.None))
        {
            var prepared = await Executor().PrepareAsync(repository, Request, CancellationToken.None);
            Assert.NotNull(prepared.Commit);
        }

        // The "killed" run's commit exists only in its cache; a new controller (new cache) runs the revert again.
        using var restarted = new GitWorkspace(new GitWorkspaceOptions(), _logger);
        var result = await Executor(restarted).RevertAsync(Remote, Request, CancellationToken.None);
        var again = await Executor(restarted).RevertAsync(Remote, Request, CancellationToken.None);

        Assert.Equal(GitRevertResultKind.Pushed, result.Kind);
        Assert.Equal(GitRevertResultKind.AlreadyReverted, again.Kind);
        Assert.Equal(1, RevertCommitsOnMain());
    }

    [Fact]
    public async Task A_controller_killed_after_pushing_finds_its_revert_by_the_trailer_and_makes_no_other()
    {
        var first = await Executor().RevertAsync(Remote, Request, CancellationToken.None);

        using var restarted = new GitWorkspace(new GitWorkspaceOptions(), _logger);
        var second = await Executor(restarted).RevertAsync(Remote, Request, CancellationToken.None);

        Assert.Equal(GitRevertResultKind.AlreadyReverted, second.Kind);
        Assert.Equal(first.Commit, second.Commit);
        Assert.Equal(1, RevertCommitsOnMain());
    }

    [Fact]
    public async Task Branch_mode_pushes_a_review_branch_and_leaves_the_branch_alone_once()
    {
        var request = Request with { Mode = GitRevertMode.Branch };

        var result = await Executor().RevertAsync(Remote, request, CancellationToken.None);
        var again = await Executor().RevertAsync(Remote, request, CancellationToken.None);

        Assert.Equal("canaryflow/revert/production-api-hash-v3", result.Branch);
        Assert.Equal(result.Commit, _repository.RemoteRef("refs/heads/canaryflow/revert/production-api-hash-v3"));
        Assert.Equal(_v3, _repository.RemoteRef("refs/heads/main"));
        Assert.Equal(GitRevertResultKind.AlreadyReverted, again.Kind);
    }

    [Fact]
    public async Task Reverting_a_canaryflow_revert_is_refused()
    {
        await Executor().RevertAsync(Remote, Request, CancellationToken.None);
        // Someone brings v3 back by hand; its canary (a new hash) aborts, stable is still recorded as v2.
        _repository.Commit("bring v3 back", new Dictionary<string, string?> { [_rolloutFile] = "image: api:v3\n" });

        var result = await Executor().RevertAsync(Remote, Request with { AbortedHash = "hash-v3-again" }, CancellationToken.None);

        Assert.Equal(GitRevertResultKind.Refused, result.Kind);
    }

    [Fact]
    public async Task Pushes_rejected_every_time_fail_after_the_attempts_and_never_force()
    {
        var other = _repository.NewClone();
        _probe.BeforeAnswer = call => _repository.Commit($"competing {call}", new Dictionary<string, string?> { ["apps/web/n.yaml"] = $"{call}\n" }, other);

        var error = await Assert.ThrowsAsync<GitRevertException>(() => Executor().RevertAsync(Remote, Request, CancellationToken.None));

        Assert.Contains("rejected 3 times", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, RevertCommitsOnMain());
        Assert.Equal("3\n", _repository.Show("refs/heads/main", "apps/web/n.yaml"));
    }

    [Fact]
    public async Task A_stable_revision_missing_from_the_repository_is_a_revert_failure()
    {
        var request = Request with { StableRevision = "0123456789012345678901234567890123456789" };

        var error = await Assert.ThrowsAsync<GitRevertException>(() => Executor().RevertAsync(Remote, request, CancellationToken.None));

        Assert.Contains("stable revision", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _workspace.Dispose();
        _repository.Dispose();
    }

    private GitRevertExecutor Executor(GitWorkspace? workspace = null) =>
        new(workspace ?? _workspace, _probe, new GitRevertRetryPolicy(3, TimeSpan.Zero, TimeSpan.Zero), TimeProvider.System, _logger);

    private int RevertCommitsOnMain() =>
        _repository.CommitsOn("refs/heads/main").Count(commit => _repository.Message(commit).Contains("CanaryFlow-Rollout: production/api", StringComparison.Ordinal));
}
