using System.Text;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// Puts credentials where git and ssh read them without ever seeing them in argv, a URL or the environment: a private
/// directory (0700) holding the token and an askpass script that prints it (HTTPS), or the key and known_hosts that
/// GIT_SSH_COMMAND names (SSH, strict host checking). Deleted on dispose.
/// </summary>
internal sealed class GitCredentialFiles : IDisposable
{
    private readonly string? _directory;

    private GitCredentialFiles(string? directory, IReadOnlyDictionary<string, string> environment)
    {
        _directory = directory;
        Environment = environment;
    }

    /// <summary>Variables to add to each git invocation that talks to the remote.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public static GitCredentialFiles Write(GitCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (!credentials.HasToken && !credentials.HasSshKey)
        {
            return new(null, new Dictionary<string, string>());
        }

        var directory = Directory.CreateTempSubdirectory("canaryflow-git-cred-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            // CreateTempSubdirectory already makes it 0700 on Unix; said explicitly because the secrets depend on it.
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        try
        {
            return credentials.HasToken ? ForToken(directory, credentials) : ForSsh(directory, credentials);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static GitCredentialFiles ForToken(string directory, GitCredentials credentials)
    {
        WritePrivate(Path.Combine(directory, "username"), credentials.Username!, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        WritePrivate(Path.Combine(directory, "token"), credentials.Token!, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var askpass = Path.Combine(directory, "askpass.sh");
        // git asks "Username for ..." then "Password for ...": answer each from its file; the script holds no secret.
        var script = $"""
            #!/bin/sh
            case "$1" in
              Username*) exec cat {ShellQuote(Path.Combine(directory, "username"))} ;;
              *) exec cat {ShellQuote(Path.Combine(directory, "token"))} ;;
            esac

            """;
        WritePrivate(askpass, script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new(directory, new Dictionary<string, string> { ["GIT_ASKPASS"] = askpass });
    }

    private static GitCredentialFiles ForSsh(string directory, GitCredentials credentials)
    {
        var key = Path.Combine(directory, "id");
        var knownHosts = Path.Combine(directory, "known_hosts");
        // ssh refuses keys without a final newline and keys readable by others.
        WritePrivate(key, credentials.SshPrivateKey!.TrimEnd() + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        WritePrivate(knownHosts, credentials.KnownHosts!.TrimEnd() + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var command = $"ssh -i {ShellQuote(key)} -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes "
            + $"-o StrictHostKeyChecking=yes -o UserKnownHostsFile={ShellQuote(knownHosts)} -o GlobalKnownHostsFile=/dev/null";
        return new(directory, new Dictionary<string, string> { ["GIT_SSH_COMMAND"] = command });
    }

    private static void WritePrivate(string path, string content, UnixFileMode mode)
    {
        // Created with the final mode so the secret is never readable by others, not even briefly.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using var stream = new FileStream(path, options);
        stream.Write(new UTF8Encoding(false).GetBytes(content));
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
