using System.Runtime.Versioning;
using CanaryFlow.Controller.Git;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Core.Git;
using static CanaryFlow.Controller.Tests.Git.ConfigRepoManifests;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>
/// The workspace against an authenticated Git host: real <c>git http-backend</c> behind HTTP basic auth on loopback.
/// git sends basic credentials over plain http once challenged with 401, which is what makes this a faithful stand-in
/// for an HTTPS host with a token. The token must work, a wrong one must fail at once, and the token must show up
/// nowhere: not in git's argv or environment, not in logs, not in exceptions.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class GitHttpTransportTests : IAsyncLifetime, IDisposable
{
    private const string _user = "ci-bot";
    private const string _token = "tok-Secr3t-9f8e7d6c5b4a";
    private readonly GitTestRepository _repository = new();
    private readonly RecordingLogger _logger = new();
    private readonly RecordingGit _git = new();
    private readonly RolloutManifestReader _reader = new(new ManifestRenderOptions());
    private GitHttpBackendServer _server = null!;
    private GitWorkspace _workspace = null!;
    private string _v2 = "";
    private string _v3 = "";

    public async Task InitializeAsync()
    {
        _repository.Commit("v1", KustomizeLayout("production", "api:base", "api:v1"));
        _v2 = _repository.Commit("v2", new Dictionary<string, string?> { [$"{OverlayPath}/kustomization.yaml"] = OverlayKustomization("production", "api:v2") });
        _v3 = _repository.Commit("v3", new Dictionary<string, string?> { [$"{OverlayPath}/kustomization.yaml"] = OverlayKustomization("production", "api:v3") });
        GitHttpBackendServer.EnablePush(_repository.BarePath);
        _server = await GitHttpBackendServer.StartAsync(_repository.Root, _user, _token);
        _workspace = new GitWorkspace(new GitWorkspaceOptions(), _logger, _git.Executable);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Url => _server.Url("origin.git");

    [Fact]
    public async Task With_the_right_token_the_revert_is_fetched_judged_and_pushed_over_http()
    {
        var remote = new GitRemote(Url, GitCredentials.HttpsToken(_token, _user));
        var request = await RequestAsync(remote);

        var result = await Executor().RevertAsync(remote, request, CancellationToken.None);

        Assert.Equal(GitRevertResultKind.Pushed, result.Kind);
        Assert.Equal(result.Commit, _repository.RemoteRef("refs/heads/main"));
        Assert.Equal(_repository.TreeAt(_v2, OverlayPath), _repository.TreeAt("refs/heads/main", OverlayPath));
        // git asked anonymously first, was challenged, and came back with the token through askpass.
        Assert.True(_server.Rejected >= 1);
        Assert.Contains(_user, _server.AuthenticatedUsers);
        AssertTokenNowhere();
    }

    [Fact]
    public async Task A_wrong_token_fails_at_once_without_prompting_and_without_showing_either_token()
    {
        const string wrong = "tok-Wr0ng-0a1b2c3d4e5f";
        var remote = new GitRemote(Url, GitCredentials.HttpsToken(wrong, _user));
        var request = new RevertRequest("production", "api", "hash-v3", _v2, "main", OverlayPath, GitRevertMode.Commit, new RevertReason("m", "1", "c"));

        var error = await Assert.ThrowsAsync<GitCommandException>(() => Executor().RevertAsync(remote, request, CancellationToken.None));

        // Failed by the server's answer, not by the 60 s network timeout a waiting prompt would run into.
        Assert.False(error.TimedOut);
        Assert.Equal("fetch", error.Command);
        Assert.Contains("Authentication failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_token, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_logger.Entries, e => e.Message.Contains(wrong, StringComparison.Ordinal) || e.Message.Contains(_token, StringComparison.Ordinal));
        Assert.DoesNotContain(wrong, _git.Argv, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, _git.Environment, StringComparison.Ordinal);
        Assert.Equal(_v3, _repository.RemoteRef("refs/heads/main"));
        Assert.Empty(_server.AuthenticatedUsers);
    }

    [Fact]
    public async Task No_credentials_fail_at_once_instead_of_asking_for_them()
    {
        await using var repository = await _workspace.OpenAsync(new GitRemote(Url, GitCredentials.None), CancellationToken.None);

        var error = await Assert.ThrowsAsync<GitCommandException>(() => repository.FetchBranchAsync("main", CancellationToken.None));

        Assert.False(error.TimedOut);
        Assert.Contains("terminal prompts disabled", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _workspace?.Dispose();
        _repository.Dispose();
        _git.Dispose();
    }

    private GitRevertExecutor Executor() =>
        new(_workspace, new ManifestTemplateProbe(_reader), new GitRevertRetryPolicy(3, TimeSpan.Zero, TimeSpan.Zero), TimeProvider.System, _logger);

    // The request as the controller builds it, over the same authenticated transport: stable revision by content.
    private async Task<RevertRequest> RequestAsync(GitRemote remote)
    {
        await using var repository = await _workspace.OpenAsync(remote, CancellationToken.None);
        await repository.FetchBranchAsync("main", CancellationToken.None);
        var aborted = (await _reader.ReadAsync(repository, _v3, OverlayPath, CancellationToken.None)).Find("production", "api").TemplateHash!;
        var stableHash = (await _reader.ReadAsync(repository, _v2, OverlayPath, CancellationToken.None)).Find("production", "api").TemplateHash!;
        var stable = await new GitHealthyRevisionFinder(_reader, _logger).FindAsync(repository, new HealthyRevisionQuery("main", OverlayPath, "production", "api", stableHash, null), CancellationToken.None);
        return new RevertRequest("production", "api", aborted, stable!.Commit, "main", OverlayPath, GitRevertMode.Commit,
            new RevertReason("success-rate", "0.81", "result[0] >= 0.95"));
    }

    private void AssertTokenNowhere()
    {
        var argv = _git.Argv;
        Assert.Contains("push", argv, StringComparison.Ordinal);
        Assert.DoesNotContain(_token, argv, StringComparison.Ordinal);
        Assert.DoesNotContain(_token, _git.Environment, StringComparison.Ordinal);
        Assert.NotEmpty(_logger.Entries);
        Assert.DoesNotContain(_logger.Entries, e => e.Message.Contains(_token, StringComparison.Ordinal) || e.Exception?.ToString().Contains(_token, StringComparison.Ordinal) == true);
    }
}
