using CanaryFlow.Controller.Analysis;
using CanaryFlow.Controller.Git;
using CanaryFlow.Controller.Tests.EndToEnd;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>spec.git.secretRef read from real Secrets in LocalCluster.</summary>
[Collection(ControllerClusterCollection.Name)]
public sealed class GitCredentialsReaderTests(ControllerClusterFixture cluster) : IAsyncLifetime, IDisposable
{
    private const string _token = "ghp_s3cr3tT0kenValue";
    private const string _key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
    private const string _knownHosts = "git.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKnownHostKey";
    private KubernetesClient _client = null!;
    private GitCredentialsReader _reader = null!;
    private string _ns = "";

    public async Task InitializeAsync()
    {
        _ns = "git-cred-" + Guid.NewGuid().ToString("N")[..8];
        (await cluster.Kubectl.RunAsync("create", "namespace", _ns)).ShouldSucceed();
        _client = new KubernetesClient(KubeconfigLoader.Load(cluster.Kubectl.KubeconfigPath));
        _reader = new GitCredentialsReader(AnalysisClients.Create(_client).Secrets);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _client?.Dispose();

    [Fact]
    public async Task No_secret_ref_means_no_credentials()
    {
        Assert.Same(GitCredentials.None, await _reader.ReadAsync(_ns, Git(null), CancellationToken.None));
    }

    [Fact]
    public async Task A_token_with_or_without_username_is_https_credentials()
    {
        await CreateSecretAsync("with-user", $"--from-literal=token={_token}", "--from-literal=username=ci-bot");
        await CreateSecretAsync("token-only", $"--from-literal=token={_token}");

        var withUser = await _reader.ReadAsync(_ns, Git("with-user"), CancellationToken.None);
        var tokenOnly = await _reader.ReadAsync(_ns, Git("token-only"), CancellationToken.None);

        Assert.True(withUser.HasToken);
        Assert.Equal(_token, withUser.Token);
        Assert.Equal("ci-bot", withUser.Username);
        Assert.Equal("git", tokenOnly.Username);
        Assert.DoesNotContain(_token, withUser.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_with_known_hosts_is_ssh_credentials_and_an_ssh_url_prefers_it_over_a_token()
    {
        await CreateSecretAsync("ssh", $"--from-literal=sshPrivateKey={_key}", $"--from-literal=knownHosts={_knownHosts}");
        await CreateSecretAsync("both", $"--from-literal=sshPrivateKey={_key}", $"--from-literal=knownHosts={_knownHosts}", $"--from-literal=token={_token}");

        var ssh = await _reader.ReadAsync(_ns, Git("ssh"), CancellationToken.None);
        var bothOverSsh = await _reader.ReadAsync(_ns, Git("both", "git@git.example.com:org/config.git"), CancellationToken.None);
        var bothOverHttps = await _reader.ReadAsync(_ns, Git("both"), CancellationToken.None);

        Assert.True(ssh.HasSshKey);
        Assert.Equal(_key, ssh.SshPrivateKey);
        Assert.Equal(_knownHosts, ssh.KnownHosts);
        Assert.True(bothOverSsh.HasSshKey);
        Assert.True(bothOverHttps.HasToken);
    }

    [Fact]
    public async Task A_missing_secret_names_it()
    {
        var error = await Assert.ThrowsAsync<GitCredentialsException>(() => _reader.ReadAsync(_ns, Git("absent"), CancellationToken.None));

        Assert.Equal($"Secret {_ns}/absent named by spec.git.secretRef not found", error.Message);
    }

    [Fact]
    public async Task A_secret_without_usable_keys_names_the_keys_and_shows_no_value()
    {
        await CreateSecretAsync("wrong-keys", $"--from-literal=password={_token}");
        await CreateSecretAsync("no-known-hosts", $"--from-literal=sshPrivateKey={_key}");

        var neither = await Assert.ThrowsAsync<GitCredentialsException>(() => _reader.ReadAsync(_ns, Git("wrong-keys"), CancellationToken.None));
        var noKnownHosts = await Assert.ThrowsAsync<GitCredentialsException>(() => _reader.ReadAsync(_ns, Git("no-known-hosts"), CancellationToken.None));

        Assert.Contains($"Secret {_ns}/wrong-keys has neither key token", neither.Message, StringComparison.Ordinal);
        Assert.Contains("sshPrivateKey and knownHosts", neither.Message, StringComparison.Ordinal);
        Assert.Contains($"Secret {_ns}/no-known-hosts has sshPrivateKey but no knownHosts", noKnownHosts.Message, StringComparison.Ordinal);
        foreach (var message in new[] { neither.ToString(), noKnownHosts.ToString() })
        {
            Assert.DoesNotContain(_token, message, StringComparison.Ordinal);
            Assert.DoesNotContain("b3BlbnNzaC1rZXktdjEAAAAA", message, StringComparison.Ordinal);
        }
    }

    private static GitSpec Git(string? secret, string url = "https://git.example.com/org/config.git") =>
        new() { RepoUrl = url, Path = "apps/api", SecretRef = secret is null ? null : new SecretReference { Name = secret } };

    private async Task CreateSecretAsync(string name, params string[] literals) =>
        (await cluster.Kubectl.RunAsync(["create", "secret", "generic", name, "-n", _ns, .. literals])).ShouldSucceed();
}
