using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using CanaryFlow.Controller.Git;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Core.Git;

namespace CanaryFlow.Controller.Tests.Git;

[SupportedOSPlatform("linux")]
public sealed class GitWorkspaceTests : IDisposable
{
    private readonly GitTestRepository _repository = new();
    private readonly RecordingLogger _logger = new();
    private readonly GitWorkspace _workspace;

    public GitWorkspaceTests() => _workspace = new GitWorkspace(new GitWorkspaceOptions(), _logger);

    private GitRemote Remote => new(_repository.Url, GitCredentials.None);

    [Fact]
    public async Task Fetch_returns_the_branch_head_and_null_for_a_missing_branch()
    {
        var head = _repository.Commit("v1", new Dictionary<string, string?> { ["apps/api/rollout.yaml"] = "v1" });
        await using var repository = await _workspace.OpenAsync(Remote, CancellationToken.None);

        Assert.Equal(head, await repository.FetchBranchAsync("main", CancellationToken.None));
        Assert.Null(await repository.FetchBranchAsync("no-such-branch", CancellationToken.None));
    }

    [Fact]
    public async Task Fetch_sees_commits_pushed_after_the_first_fetch()
    {
        _repository.Commit("v1", new Dictionary<string, string?> { ["a.yaml"] = "1" });
        await using var repository = await _workspace.OpenAsync(Remote, CancellationToken.None);
        await repository.FetchBranchAsync("main", CancellationToken.None);
        var second = _repository.Commit("v2", new Dictionary<string, string?> { ["a.yaml"] = "2" });

        Assert.Equal(second, await repository.FetchBranchAsync("main", CancellationToken.None));
    }

    [Fact]
    public async Task Tree_listing_is_limited_to_the_path_and_recursive()
    {
        var head = _repository.Commit("v1", new Dictionary<string, string?>
        {
            ["apps/api/base/deployment.yaml"] = "base",
            ["apps/api/overlays/production/kustomization.yaml"] = "k",
            ["apps/api/overlays/production/patch.yaml"] = "p",
            ["apps/api2/overlays/production/other.yaml"] = "other",
        });
        await using var repository = await _workspace.OpenAsync(Remote, CancellationToken.None);
        await repository.FetchBranchAsync("main", CancellationToken.None);

        var entries = await repository.ListTreeAsync(head, "apps/api/overlays/production", CancellationToken.None);

        Assert.Equal(["apps/api/overlays/production/kustomization.yaml", "apps/api/overlays/production/patch.yaml"], entries.Select(e => e.Path));
        Assert.All(entries, e => Assert.Equal("100644", e.Mode));
        Assert.Empty(await repository.ListTreeAsync(head, "apps/missing", CancellationToken.None));
        Assert.Equal(4, (await repository.ListTreeAsync(head, "", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_commit_applies_writes_and_removals_and_leaves_other_paths_untouched_then_pushes_as_fast_forward()
    {
        var v1 = _repository.Commit("v1", new Dictionary<string, string?> { ["app/a.yaml"] = "a1", ["other/x.yaml"] = "x" });
        var v2 = _repository.Commit("v2", new Dictionary<string, string?> { ["app/a.yaml"] = "a2", ["app/new.yaml"] = "n", ["other/x.yaml"] = "x2" });
        await using var repository = await _workspace.OpenAsync(Remote, CancellationToken.None);
        await repository.FetchBranchAsync("main", CancellationToken.None);
        var stableFiles = await repository.ListTreeAsync(v1, "app", CancellationToken.None);
        var changes = new GitTreeChanges(stableFiles, ["app/new.yaml"]);

        var commit = await repository.CommitAsync(v2, changes, "Revert app\n\nCanaryFlow-Rollout: ns/api\n", CancellationToken.None);
        var outcome = await repository.PushAsync(commit, "main", CancellationToken.None);

        Assert.Equal(GitPushOutcome.Pushed, outcome);
        Assert.Equal(commit, _repository.RemoteRef("refs/heads/main"));
        Assert.Equal(_repository.TreeAt(v1, "app"), _repository.TreeAt(commit, "app"));
        Assert.Equal("x2", _repository.Show(commit, "other/x.yaml"));
        Assert.Equal("Revert app\n\nCanaryFlow-Rollout: ns/api\n", _repository.Message(commit).TrimEnd('\n') + "\n");
        var log = await repository.LogAsync(v2, commit, "app", CancellationToken.None);
        Assert.Equal("ns/api", Assert.Single(log).Trailers.Value("CanaryFlow-Rollout"));
    }

    [Fact]
    public async Task A_push_after_someone_else_pushed_is_rejected_and_their_commit_is_kept()
    {
        var v1 = _repository.Commit("v1", new Dictionary<string, string?> { ["app/a.yaml"] = "a1" });
        await using var repository = await _workspace.OpenAsync(Remote, CancellationToken.None);
        await repository.FetchBranchAsync("main", CancellationToken.None);
        var ours = await repository.CommitAsync(v1, new GitTreeChanges([], ["app/a.yaml"]), "ours", CancellationToken.None);
        var theirs = _repository.Commit("theirs", new Dictionary<string, string?> { ["other.yaml"] = "t" });

        var outcome = await repository.PushAsync(ours, "main", CancellationToken.None);

        Assert.Equal(GitPushOutcome.RejectedNotFastForward, outcome);
        Assert.Equal(theirs, _repository.RemoteRef("refs/heads/main"));
    }

    [Fact]
    public async Task A_push_to_a_new_branch_creates_it_without_moving_the_main_branch()
    {
        var v1 = _repository.Commit("v1", new Dictionary<string, string?> { ["app/a.yaml"] = "a1" });
        await using var repository = await _workspace.OpenAsync(Remote, CancellationToken.None);
        await repository.FetchBranchAsync("main", CancellationToken.None);
        var commit = await repository.CommitAsync(v1, new GitTreeChanges([], ["app/a.yaml"]), "review me", CancellationToken.None);

        Assert.Equal(GitPushOutcome.Pushed, await repository.PushAsync(commit, "canaryflow/revert/ns-api-abc", CancellationToken.None));
        Assert.Equal(commit, _repository.RemoteRef("refs/heads/canaryflow/revert/ns-api-abc"));
        Assert.Equal(v1, _repository.RemoteRef("refs/heads/main"));
    }

    [Fact]
    public async Task A_rejection_by_the_remote_itself_is_an_error_not_a_retry()
    {
        var v1 = _repository.Commit("v1", new Dictionary<string, string?> { ["app/a.yaml"] = "a1" });
        GitTestRepository.Run(_repository.BarePath, "config", "receive.denyDeletes", "true");
        var hook = Path.Combine(_repository.BarePath, "hooks", "pre-receive");
        File.WriteAllText(hook, "#!/bin/sh\necho protected branch >&2\nexit 1\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var repository = await _workspace.OpenAsync(Remote, CancellationToken.None);
        await repository.FetchBranchAsync("main", CancellationToken.None);
        var commit = await repository.CommitAsync(v1, new GitTreeChanges([], ["app/a.yaml"]), "x", CancellationToken.None);

        var error = await Assert.ThrowsAsync<GitCommandException>(() => repository.PushAsync(commit, "main", CancellationToken.None));

        Assert.Contains("remote rejected", error.Message, StringComparison.Ordinal);
        Assert.Equal(v1, _repository.RemoteRef("refs/heads/main"));
    }

    [Fact]
    public async Task A_checkout_writes_the_commit_files_to_a_temporary_directory_removed_on_dispose()
    {
        var v1 = _repository.Commit("v1", new Dictionary<string, string?> { ["app/a.yaml"] = "a1" });
        _repository.Commit("v2", new Dictionary<string, string?> { ["app/a.yaml"] = "a2" });
        await using var repository = await _workspace.OpenAsync(Remote, CancellationToken.None);
        await repository.FetchBranchAsync("main", CancellationToken.None);

        string directory;
        using (var checkout = await repository.CheckoutAsync(v1, CancellationToken.None))
        {
            directory = checkout.Directory;
            Assert.Equal("a1", await File.ReadAllTextAsync(Path.Combine(directory, "app", "a.yaml")));
        }

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public async Task One_repository_is_used_by_one_caller_at_a_time()
    {
        _repository.Commit("v1", new Dictionary<string, string?> { ["a.yaml"] = "1" });
        var first = await _workspace.OpenAsync(Remote, CancellationToken.None);

        var second = _workspace.OpenAsync(Remote, CancellationToken.None);
        Assert.False(second.IsCompleted);
        await first.DisposeAsync();

        await using var held = await second.OrHang();
        Assert.NotNull(await held.FetchBranchAsync("main", CancellationToken.None));
    }

    [Fact]
    public async Task A_damaged_cached_clone_is_replaced()
    {
        var head = _repository.Commit("v1", new Dictionary<string, string?> { ["a.yaml"] = "1" });
        var cache = Directory.CreateTempSubdirectory("canaryflow-gitcache-").FullName;
        try
        {
            using (var workspace = new GitWorkspace(new GitWorkspaceOptions { CacheDirectory = cache }, _logger))
            {
                await using var repository = await workspace.OpenAsync(Remote, CancellationToken.None);
                await repository.FetchBranchAsync("main", CancellationToken.None);
            }

            var clone = Assert.Single(Directory.GetDirectories(cache));
            Directory.Delete(Path.Combine(clone, "objects"), recursive: true);
            File.Delete(Path.Combine(clone, "HEAD"));

            using var restarted = new GitWorkspace(new GitWorkspaceOptions { CacheDirectory = cache }, _logger);
            await using var again = await restarted.OpenAsync(Remote, CancellationToken.None);
            Assert.Equal(head, await again.FetchBranchAsync("main", CancellationToken.None));
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public async Task A_remote_that_never_answers_times_out_instead_of_hanging()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var workspace = new GitWorkspace(new GitWorkspaceOptions { NetworkTimeout = TimeSpan.FromSeconds(1) }, _logger);
        await using var repository = await workspace.OpenAsync(new GitRemote($"http://127.0.0.1:{port}/config.git", GitCredentials.None), CancellationToken.None);

        var error = await Assert.ThrowsAsync<GitCommandException>(() => repository.FetchBranchAsync("main", CancellationToken.None).OrHang());

        Assert.True(error.TimedOut);
    }

    [Fact]
    public async Task Without_credentials_a_remote_asking_for_them_fails_instead_of_prompting()
    {
        // An ssh remote on a closed port: BatchMode and no prompt mean a prompt failure, never a hang.
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var repository = await _workspace.OpenAsync(new GitRemote($"ssh://git@127.0.0.1:{port}/config.git", GitCredentials.None), CancellationToken.None);

        var error = await Assert.ThrowsAsync<GitCommandException>(() => repository.FetchBranchAsync("main", CancellationToken.None).OrHang());

        Assert.False(error.TimedOut);
    }

    public void Dispose()
    {
        _workspace.Dispose();
        _repository.Dispose();
    }
}
