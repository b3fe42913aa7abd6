using System.Text;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// Turns <c>spec.git.secretRef</c> into <see cref="GitCredentials"/>: key <c>token</c> (and optionally
/// <c>username</c>) for HTTPS, or <c>sshPrivateKey</c> with <c>knownHosts</c> for SSH. The Secret is read once per
/// call, not watched (a controller watching every Secret would hold all of a cluster's credentials in memory), and as
/// one object so the keys always come from one version of it.
/// </summary>
internal sealed class GitCredentialsReader : IGitCredentialSource
{
    public const string TokenKey = "token";
    public const string UsernameKey = "username";
    public const string SshPrivateKeyKey = "sshPrivateKey";
    public const string KnownHostsKey = "knownHosts";
    private readonly ResourceClient<Secret> _secrets;

    public GitCredentialsReader(ResourceClient<Secret> secrets)
    {
        _secrets = secrets;
    }

    /// <param name="ns">The Rollout's namespace; the Secret must be in it.</param>
    /// <param name="git">The Rollout's <c>spec.git</c>; its URL picks SSH or HTTPS when the Secret holds both.</param>
    /// <exception cref="GitCredentialsException">The Secret is missing, unreadable or holds no usable credentials.</exception>
    public async Task<GitCredentials> ReadAsync(string ns, GitSpec git, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(git);
        if (git.SecretRef is null)
        {
            return GitCredentials.None;
        }

        if (string.IsNullOrEmpty(git.SecretRef.Name))
        {
            throw new GitCredentialsException("spec.git.secretRef has no name");
        }

        var secretName = $"{ns}/{git.SecretRef.Name}";
        Secret? secret;
        try
        {
            secret = await _secrets.TryGetAsync(ns, git.SecretRef.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (!e.IsTransient)
        {
            // Forbidden and the like are the user's to fix; a transient API failure propagates and is retried.
            throw new GitCredentialsException($"Secret {secretName} could not be read: {e.Message}", e);
        }

        if (secret is null)
        {
            throw new GitCredentialsException($"Secret {secretName} named by spec.git.secretRef not found");
        }

        var token = Value(secret, TokenKey);
        var key = Value(secret, SshPrivateKeyKey);
        var knownHosts = Value(secret, KnownHostsKey);
        if (key is not null && (token is null || IsSshUrl(git.RepoUrl)))
        {
            return knownHosts is null
                ? throw new GitCredentialsException($"Secret {secretName} has {SshPrivateKeyKey} but no {KnownHostsKey}: the host key is checked strictly, so the Secret must list it")
                : GitCredentials.Ssh(key, knownHosts);
        }

        return token is not null
            ? GitCredentials.HttpsToken(token, Value(secret, UsernameKey))
            : throw new GitCredentialsException($"Secret {secretName} has neither key {TokenKey} (HTTPS, optional {UsernameKey}) nor keys {SshPrivateKeyKey} and {KnownHostsKey} (SSH)");
    }

    // An empty value counts as absent: `kubectl create secret --from-literal=token=` is a mistake, not a credential.
    private static string? Value(Secret secret, string key) =>
        secret.Data?.TryGetValue(key, out var bytes) == true && bytes.Length > 0 ? Encoding.UTF8.GetString(bytes) : null;

    // ssh://host/repo or scp-like user@host:path; everything else (https://, http://, file paths) is not SSH.
    private static bool IsSshUrl(string? url) =>
        url is not null && (url.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase)
            || (!url.Contains("://", StringComparison.Ordinal) && url.Contains('@', StringComparison.Ordinal) && url.Contains(':', StringComparison.Ordinal)));
}
