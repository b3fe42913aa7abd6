using System.Runtime.Versioning;
using CanaryFlow.Controller.Git;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Core.Git;
using static CanaryFlow.Controller.Tests.Git.ConfigRepoManifests;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>
/// The workspace against a Git host reached over SSH with a deploy key: a real OpenSSH server (<see cref="SshGitServer"/>)
/// in front of a real bare repository. The key and the server's known_hosts line must work; a key the server does not
/// authorize, or a server whose host key is not the one in known_hosts, must fail at once (BatchMode, strict host key
/// checking: no prompt, no trust on first use); and the key must show up nowhere: not in git's argv or environment,
/// not in logs, not in exceptions.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class GitSshTransportTests : IAsyncLifetime, IDisposable
{
    private readonly TransportRevertScenario _scenario = new();
    private readonly string _keys = Directory.CreateTempSubdirectory("canaryflow-ssh-keys-").FullName;
    private SshGitServer _server = null!;
    private SshKeyPair _deployKey = null!;

    public async Task InitializeAsync()
    {
        _deployKey = await SshKeyPair.GenerateAsync(_keys, "deploy");
        _server = await SshGitServer.StartAsync(_deployKey.PublicKey);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Url => _server.Url(_scenario.Repository.BarePath);

    [Fact]
    public async Task With_the_deploy_key_and_the_servers_host_key_the_revert_is_fetched_judged_and_pushed_over_ssh()
    {
        var remote = new GitRemote(Url, GitCredentials.Ssh(_deployKey.PrivateKey, _server.KnownHostsLine));
        var request = await _scenario.RequestAsync(remote);

        var result = await _scenario.Executor().RevertAsync(remote, request, CancellationToken.None);

        Assert.True(result.Kind == GitRevertResultKind.Pushed, $"{result.Kind}; sshd logged:\n{_server.Output}");
        Assert.Equal(result.Commit, _scenario.Repository.RemoteRef("refs/heads/main"));
        Assert.Equal(_scenario.Repository.TreeAt(_scenario.V2, OverlayPath), _scenario.Repository.TreeAt("refs/heads/main", OverlayPath));
        Assert.Contains("push", _scenario.Git.Argv, StringComparison.Ordinal);
        AssertNowhere(_deployKey, error: null);
    }

    [Fact]
    public async Task A_key_the_server_does_not_authorize_fails_at_once_as_an_authentication_failure()
    {
        var stranger = await SshKeyPair.GenerateAsync(_keys, "stranger");
        var remote = new GitRemote(Url, GitCredentials.Ssh(stranger.PrivateKey, _server.KnownHostsLine));

        var error = await Assert.ThrowsAsync<GitCommandException>(() => _scenario.Executor().RevertAsync(remote, Request(), CancellationToken.None));

        // Failed by the server's answer, not by the 60 s network timeout a waiting passphrase or password prompt would hit.
        Assert.False(error.TimedOut);
        Assert.Equal("fetch", error.Command);
        Assert.Contains("Permission denied (publickey)", error.Message, StringComparison.Ordinal);
        Assert.Equal("GitAuthenticationFailed", GitFailure.ReasonOf(error));
        Assert.Equal(_scenario.V3, _scenario.Repository.RemoteRef("refs/heads/main"));
        AssertNowhere(stranger, error);
    }

    [Fact]
    public async Task A_known_hosts_naming_another_host_key_fails_at_once_and_the_server_is_never_trusted()
    {
        var impostor = await SshKeyPair.GenerateAsync(_keys, "impostor-host");
        var knownHosts = $"[127.0.0.1]:{_server.Port} {impostor.PublicKeyWithoutComment}";
        var remote = new GitRemote(Url, GitCredentials.Ssh(_deployKey.PrivateKey, knownHosts));

        var error = await Assert.ThrowsAsync<GitCommandException>(() => _scenario.Executor().RevertAsync(remote, Request(), CancellationToken.None));

        Assert.False(error.TimedOut);
        Assert.Equal("fetch", error.Command);
        Assert.Contains("Host key verification failed", error.Stderr, StringComparison.Ordinal);
        Assert.Equal("GitHostKeyVerificationFailed", GitFailure.ReasonOf(error));
        Assert.Contains("failed with exit code 128: Host key verification failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("@@@", error.Message, StringComparison.Ordinal);
        Assert.Equal(_scenario.V3, _scenario.Repository.RemoteRef("refs/heads/main"));
        AssertNowhere(_deployKey, error);
    }

    public void Dispose()
    {
        _scenario.Dispose();
        Directory.Delete(_keys, recursive: true);
    }

    // For tests that fail at the first fetch: the revisions are known, nothing needs judging.
    private RevertRequest Request() =>
        new("production", "api", "hash-v3", _scenario.V2, "main", OverlayPath, GitRevertMode.Commit, new RevertReason("m", "1", "c"));

    // Any base64 line of the private key in git's argv or environment, a log entry or the exception is a leak.
    private void AssertNowhere(SshKeyPair key, GitCommandException? error)
    {
        var argv = _scenario.Git.Argv;
        var environment = _scenario.Git.Environment;
        Assert.Contains("fetch", argv, StringComparison.Ordinal);
        Assert.Contains("GIT_SSH_COMMAND=", environment, StringComparison.Ordinal);
        Assert.NotEmpty(_scenario.Logger.Entries);
        foreach (var line in key.SecretLines)
        {
            Assert.DoesNotContain(line, argv, StringComparison.Ordinal);
            Assert.DoesNotContain(line, environment, StringComparison.Ordinal);
            Assert.DoesNotContain(_scenario.Logger.Entries, e => e.Message.Contains(line, StringComparison.Ordinal) || e.Exception?.ToString().Contains(line, StringComparison.Ordinal) == true);
            if (error is not null)
            {
                Assert.DoesNotContain(line, error.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain(line, error.Stderr, StringComparison.Ordinal);
            }
        }
    }
}
