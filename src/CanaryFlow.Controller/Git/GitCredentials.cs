namespace CanaryFlow.Controller.Git;

/// <summary>
/// Credentials read from the Rollout's Secret: an HTTPS token (optionally with a username; many hosts accept any) or
/// an SSH private key with the known_hosts it must match. ToString never shows a secret, so a credential that ends
/// up in a log line, an exception or a status by mistake shows nothing.
/// </summary>
internal sealed record GitCredentials
{
    private GitCredentials(string? username, string? token, string? sshPrivateKey, string? knownHosts)
    {
        Username = username;
        Token = token;
        SshPrivateKey = sshPrivateKey;
        KnownHosts = knownHosts;
    }

    public static GitCredentials None { get; } = new(null, null, null, null);

    public string? Username { get; }

    public string? Token { get; }

    public string? SshPrivateKey { get; }

    public string? KnownHosts { get; }

    public bool HasToken => Token is not null;

    public bool HasSshKey => SshPrivateKey is not null;

    public static GitCredentials HttpsToken(string token, string? username = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new(string.IsNullOrEmpty(username) ? "git" : username, token, null, null);
    }

    public static GitCredentials Ssh(string privateKey, string knownHosts)
    {
        ArgumentException.ThrowIfNullOrEmpty(privateKey);
        // Strict host checking without known hosts would accept nothing; say so here rather than as an ssh error later.
        ArgumentException.ThrowIfNullOrEmpty(knownHosts);
        return new(null, null, privateKey, knownHosts);
    }

    public override string ToString() => HasToken ? "GitCredentials { HTTPS token }" : HasSshKey ? "GitCredentials { SSH key }" : "GitCredentials { none }";
}
