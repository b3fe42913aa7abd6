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
    private readonly TransportRevertScenario _scenario = new();
    private const string _user = "ci-bot";
    private const string _token = "tok-Secr3t-9f8e7d6c5b4a";
    private GitHttpBackendServer _server = null!;

    public async Task InitializeAsync()
    {
        GitHttpBackendServer.EnablePush(_scenario.Repository.BarePath);
        _server = await GitHttpBackendServer.StartAsync(_scenario.Repository.Root, _user, _token);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Url => _server.Url("origin.git");

    [Fact]
    public async Task With_the_right_token_the_revert_is_fetched_judged_and_pushed_over_http()
    {
        var remote = new GitRemote(Url, GitCredentials.HttpsToken(_token, _user));
        var request = await _scenario.RequestAsync(remote);

        var result = await _scenario.Executor().RevertAsync(remote, request, CancellationToken.None);

        Assert.Equal(GitRevertResultKind.Pushed, result.Kind);
        Assert.Equal(result.Commit, _scenario.Repository.RemoteRef("refs/heads/main"));
        Assert.Equal(_scenario.Repository.TreeAt(_scenario.V2, OverlayPath), _scenario.Repository.TreeAt("refs/heads/main", OverlayPath));
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
        var request = new RevertRequest("production", "api", "hash-v3", _scenario.V2, "main", OverlayPath, GitRevertMode.Commit, new RevertReason("m", "1", "c"));

        var error = await Assert.ThrowsAsync<GitCommandException>(() => _scenario.Executor().RevertAsync(remote, request, CancellationToken.None));

        // Failed by the server's answer, not by the 60 s network timeout a waiting prompt would run into.
        Assert.False(error.TimedOut);
        Assert.Equal("fetch", error.Command);
        Assert.Contains("Authentication failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_token, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_scenario.Logger.Entries, e => e.Message.Contains(wrong, StringComparison.Ordinal) || e.Message.Contains(_token, StringComparison.Ordinal));
        Assert.DoesNotContain(wrong, _scenario.Git.Argv, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, _scenario.Git.Environment, StringComparison.Ordinal);
        Assert.Equal(_scenario.V3, _scenario.Repository.RemoteRef("refs/heads/main"));
        Assert.Empty(_server.AuthenticatedUsers);
    }

    [Fact]
    public async Task No_credentials_fail_at_once_instead_of_asking_for_them()
    {
        await using var repository = await _scenario.Workspace.OpenAsync(new GitRemote(Url, GitCredentials.None), CancellationToken.None);

        var error = await Assert.ThrowsAsync<GitCommandException>(() => repository.FetchBranchAsync("main", CancellationToken.None));

        Assert.False(error.TimedOut);
        Assert.Contains("terminal prompts disabled", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _scenario.Dispose();
    }

    private void AssertTokenNowhere()
    {
        var argv = _scenario.Git.Argv;
        Assert.Contains("push", argv, StringComparison.Ordinal);
        Assert.DoesNotContain(_token, argv, StringComparison.Ordinal);
        Assert.DoesNotContain(_token, _scenario.Git.Environment, StringComparison.Ordinal);
        Assert.NotEmpty(_scenario.Logger.Entries);
        Assert.DoesNotContain(_scenario.Logger.Entries, e => e.Message.Contains(_token, StringComparison.Ordinal) || e.Exception?.ToString().Contains(_token, StringComparison.Ordinal) == true);
    }
}
