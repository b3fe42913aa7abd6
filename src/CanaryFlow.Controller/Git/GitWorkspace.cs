using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// The controller's Git workspace: one cached bare clone per repository URL, used by one caller at a time (two
/// Rollouts of one config repo must not interleave fetches and pushes), deleted when the workspace is disposed.
/// </summary>
internal sealed class GitWorkspace : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly GitCli _git;
    private readonly GitWorkspaceOptions _options;
    private readonly ILogger _logger;
    private readonly string _root;
    private readonly bool _ownsRoot;

    public GitWorkspace(GitWorkspaceOptions options, ILogger logger, string gitExecutable = "git")
    {
        _options = options;
        _logger = logger;
        _git = new GitCli(logger, gitExecutable);
        _ownsRoot = options.CacheDirectory is null;
        _root = options.CacheDirectory ?? Directory.CreateTempSubdirectory("canaryflow-git-").FullName;
        Directory.CreateDirectory(_root);
    }

    /// <summary>
    /// Waits for the repository's lock, makes sure its cached clone exists and returns it; dispose the result to
    /// release the lock and delete the credential files.
    /// </summary>
    public async Task<GitRepository> OpenAsync(GitRemote remote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var gate = _locks.GetOrAdd(remote.Url, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        GitCredentialFiles? credentials = null;
        try
        {
            var directory = Path.Combine(_root, CacheName(remote.Url));
            await EnsureCloneAsync(directory, remote, cancellationToken);
            credentials = GitCredentialFiles.Write(remote.Credentials);
            return new GitRepository(directory, remote, _git, _options, credentials, _logger, release: () => gate.Release());
        }
        catch
        {
            credentials?.Dispose();
            gate.Release();
            throw;
        }
    }

    public void Dispose()
    {
        if (_ownsRoot && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    // The URL hashed: a stable, filesystem-safe name that reveals nothing of the URL in a directory listing.
    private static string CacheName(string url) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..24];

    private async Task EnsureCloneAsync(string directory, GitRemote remote, CancellationToken cancellationToken)
    {
        if (Directory.Exists(directory))
        {
            var check = await _git.RunAsync(new GitInvocation(["rev-parse", "--is-bare-repository"], directory, _options.LocalTimeout), cancellationToken);
            if (check.Succeeded && check.Stdout.Trim() == "true")
            {
                return;
            }

            // A clone left half-made by a killed controller: start again rather than trust it.
            GitLog.CacheDiscarded(_logger, remote.DisplayUrl, check.Stderr.Trim());
            Directory.Delete(directory, recursive: true);
        }

        var partial = directory + ".partial";
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        Directory.CreateDirectory(partial);
        await _git.RunCheckedAsync(new GitInvocation(["init", "--bare", "--quiet"], partial, _options.LocalTimeout), cancellationToken);
        await _git.RunCheckedAsync(new GitInvocation(["remote", "add", "origin", remote.Url], partial, _options.LocalTimeout), cancellationToken);
        // Renamed only once complete, so a crash never leaves something that looks like a usable clone.
        Directory.Move(partial, directory);
        GitLog.Cloned(_logger, remote.DisplayUrl);
    }
}
