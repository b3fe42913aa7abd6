using System.Text;
using CanaryFlow.Core.Git;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// A cached bare clone held exclusively by one caller. Remote branches are fetched into
/// <c>refs/remotes/origin/*</c> and commits are built with plumbing in a temporary index, so nothing depends on a
/// working tree or a local branch that a killed controller may have left behind.
/// </summary>
internal sealed class GitRepository : IAsyncDisposable
{
    private const string _emptyObjectId = "0000000000000000000000000000000000000000";
    private readonly string _directory;
    private readonly GitRemote _remote;
    private readonly GitCli _git;
    private readonly GitWorkspaceOptions _options;
    private readonly GitCredentialFiles _credentials;
    private readonly ILogger _logger;
    private Action? _release;

    public GitRepository(string directory, GitRemote remote, GitCli git, GitWorkspaceOptions options, GitCredentialFiles credentials, ILogger logger, Action release)
    {
        _directory = directory;
        _remote = remote;
        _git = git;
        _options = options;
        _credentials = credentials;
        _logger = logger;
        _release = release;
    }

    public string DisplayUrl => _remote.DisplayUrl;

    /// <summary>Fetches <paramref name="branch"/> and returns its commit, or null when the remote has no such branch.</summary>
    public async Task<string?> FetchBranchAsync(string branch, CancellationToken cancellationToken)
    {
        var result = await RunRemoteAsync(["fetch", "--quiet", "--no-tags", "origin", $"+refs/heads/{branch}:refs/remotes/origin/{branch}"], cancellationToken);
        if (!result.Succeeded)
        {
            if (result.Stderr.Contains("couldn't find remote ref", StringComparison.OrdinalIgnoreCase))
            {
                DeleteTrackingRef(branch);
                return null;
            }

            throw new GitCommandException("fetch", result.ExitCode, result.Stderr);
        }

        var commit = await ResolveAsync($"refs/remotes/origin/{branch}", cancellationToken);
        GitLog.Fetched(_logger, _remote.DisplayUrl, branch, commit!);
        return commit;
    }

    /// <summary>The commit a revision names, or null when it names none.</summary>
    public async Task<string?> ResolveAsync(string revision, CancellationToken cancellationToken)
    {
        var result = await RunLocalAsync(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], null, cancellationToken);
        return result.Succeeded ? result.Stdout.Trim() : null;
    }

    /// <summary>The files under <paramref name="path"/> at <paramref name="commit"/>, recursively; empty when the path is absent.</summary>
    public async Task<IReadOnlyList<GitTreeEntry>> ListTreeAsync(string commit, string path, CancellationToken cancellationToken)
    {
        List<string> arguments = ["ls-tree", "-r", "-z", "--full-tree", commit];
        if (!IsRoot(path))
        {
            arguments.AddRange(["--", path.Trim('/')]);
        }

        var output = await RunLocalCheckedAsync(arguments, null, cancellationToken);
        var entries = new List<GitTreeEntry>();
        foreach (var record in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<mode> <type> <object>\t<path>"
            var tab = record.IndexOf('\t', StringComparison.Ordinal);
            var fields = record[..tab].Split(' ');
            entries.Add(new GitTreeEntry(record[(tab + 1)..], fields[0], fields[2]));
        }

        return entries;
    }

    /// <summary>The bytes of a file at a commit (for reading manifests without a checkout).</summary>
    public async Task<string> ReadFileAsync(string commit, string path, CancellationToken cancellationToken) =>
        await RunLocalCheckedAsync(["cat-file", "blob", $"{commit}:{path}"], null, cancellationToken);

    /// <summary>
    /// Commits reachable from <paramref name="to"/> and not from <paramref name="from"/> (all when it is null),
    /// newest first, optionally only those touching <paramref name="path"/>.
    /// </summary>
    public async Task<IReadOnlyList<GitCommit>> LogAsync(string? from, string to, string? path, CancellationToken cancellationToken)
    {
        List<string> arguments = ["log", "-z", "--format=%H%x1f%P%x1f%B", from is null ? to : $"{from}..{to}"];
        if (path is not null && !IsRoot(path))
        {
            arguments.AddRange(["--", path.Trim('/')]);
        }

        var output = await RunLocalCheckedAsync(arguments, null, cancellationToken);
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(record => record.Split('\x1f', 3))
            .Select(fields => new GitCommit(fields[0].Trim(), fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries), fields[2]))
            .ToList();
    }

    /// <summary>The first-parent chain from <paramref name="head"/> (head first), at most <paramref name="maxCount"/> commits.</summary>
    public async Task<IReadOnlyList<string>> FirstParentChainAsync(string head, int maxCount, CancellationToken cancellationToken)
    {
        var output = await RunLocalCheckedAsync(["rev-list", "--first-parent", $"--max-count={maxCount}", head], null, cancellationToken);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>
    /// The newest commit on the first-parent chain from <paramref name="commit"/> (itself included) that changed any of
    /// <paramref name="paths"/> against its first parent, or null when none did. A merge counts when it brought a
    /// change in.
    /// </summary>
    public async Task<string?> NewestChangeAsync(string commit, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        List<string> arguments = ["rev-list", "--first-parent", "--max-count=1", commit];
        if (!paths.Any(IsRoot))
        {
            arguments.Add("--");
            arguments.AddRange(paths.Select(path => path.Trim('/')));
        }

        var output = (await RunLocalCheckedAsync(arguments, null, cancellationToken)).Trim();
        return output.Length == 0 ? null : output;
    }

    /// <summary>Whether <paramref name="ancestor"/> is reachable from <paramref name="descendant"/> (a commit is its own ancestor).</summary>
    public async Task<bool> IsAncestorAsync(string ancestor, string descendant, CancellationToken cancellationToken)
    {
        var result = await RunLocalAsync(["merge-base", "--is-ancestor", ancestor, descendant], null, cancellationToken);
        return result.ExitCode switch
        {
            0 => true,
            1 => false,
            _ => throw new GitCommandException("merge-base", result.ExitCode, result.Stderr),
        };
    }

    /// <summary>
    /// Makes a commit whose parent is <paramref name="parent"/> and whose tree is the parent's with
    /// <paramref name="changes"/> applied; no ref moves, so an unpushed commit is simply garbage later.
    /// </summary>
    public async Task<string> CommitAsync(string parent, GitTreeChanges changes, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var index = Path.Combine(_directory, $"canaryflow-index-{Guid.NewGuid():N}");
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["GIT_INDEX_FILE"] = index,
                ["GIT_AUTHOR_NAME"] = _options.Committer.Name,
                ["GIT_AUTHOR_EMAIL"] = _options.Committer.Email,
                ["GIT_COMMITTER_NAME"] = _options.Committer.Name,
                ["GIT_COMMITTER_EMAIL"] = _options.Committer.Email,
            };
            await RunLocalCheckedAsync(["read-tree", parent], environment, cancellationToken);
            var indexInfo = new StringBuilder();
            foreach (var removal in changes.Removals)
            {
                indexInfo.Append($"0 {_emptyObjectId}\t{removal}\0");
            }

            foreach (var write in changes.Writes)
            {
                indexInfo.Append($"{write.Mode} {write.ObjectId}\t{write.Path}\0");
            }

            await RunLocalCheckedAsync(["update-index", "-z", "--index-info"], environment, cancellationToken, indexInfo.ToString());
            var tree = (await RunLocalCheckedAsync(["write-tree"], environment, cancellationToken)).Trim();
            return (await RunLocalCheckedAsync(["commit-tree", tree, "-p", parent, "-F", "-"], environment, cancellationToken, message)).Trim();
        }
        finally
        {
            File.Delete(index);
        }
    }

    /// <summary>The tree id of <paramref name="path"/> at a commit, or null when the path does not exist there.</summary>
    public async Task<string?> TreeIdAsync(string commit, string path, CancellationToken cancellationToken)
    {
        var result = await RunLocalAsync(["rev-parse", "--verify", "--quiet", IsRoot(path) ? $"{commit}^{{tree}}" : $"{commit}:{path.Trim('/')}"], null, cancellationToken);
        return result.Succeeded ? result.Stdout.Trim() : null;
    }

    /// <summary>Pushes <paramref name="commit"/> to <c>refs/heads/{branch}</c> as a fast-forward only; never forces.</summary>
    public async Task<GitPushOutcome> PushAsync(string commit, string branch, CancellationToken cancellationToken)
    {
        var target = $"refs/heads/{branch}";
        var result = await RunRemoteAsync(["push", "--porcelain", "--no-verify", "origin", $"{commit}:{target}"], cancellationToken);
        var status = result.Stdout.Split('\n').FirstOrDefault(line => line.Contains($":{target}\t", StringComparison.Ordinal));
        if (result.Succeeded)
        {
            GitLog.Pushed(_logger, commit, _remote.DisplayUrl, target);
            return GitPushOutcome.Pushed;
        }

        // "!\t<src>:<dst>\t[rejected] (fetch first)" or "(non-fast-forward)"; "[remote rejected]" (a hook, a protected
        // branch) is a real failure that retrying cannot fix.
        if (status is not null && status.StartsWith('!') && status.Contains("[rejected]", StringComparison.Ordinal))
        {
            GitLog.PushRejected(_logger, commit, _remote.DisplayUrl, target);
            return GitPushOutcome.RejectedNotFastForward;
        }

        throw new GitCommandException("push", result.ExitCode, string.IsNullOrWhiteSpace(status) ? result.Stderr : status + "\n" + result.Stderr);
    }

    /// <summary>Writes the files of a commit into a new temporary directory (for kustomize), without touching any ref.</summary>
    public async Task<GitCheckout> CheckoutAsync(string commit, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("canaryflow-checkout-").FullName;
        var index = Path.Combine(_directory, $"canaryflow-index-{Guid.NewGuid():N}");
        try
        {
            var environment = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = index, ["GIT_WORK_TREE"] = directory };
            await RunLocalCheckedAsync(["read-tree", commit], environment, cancellationToken);
            await RunLocalCheckedAsync(["checkout-index", "--all", "--force"], environment, cancellationToken);
            return new GitCheckout(directory, commit);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
        finally
        {
            File.Delete(index);
        }
    }

    public ValueTask DisposeAsync()
    {
        _credentials.Dispose();
        Interlocked.Exchange(ref _release, null)?.Invoke();
        return ValueTask.CompletedTask;
    }

    private static bool IsRoot(string path) => string.IsNullOrEmpty(path.Trim('/')) || path.Trim('/') == ".";

    private void DeleteTrackingRef(string branch)
    {
        // A branch deleted on the remote must not be answered from a stale tracking ref; the ref file may be packed,
        // in which case the next successful fetch overwrites it anyway.
        var loose = Path.Combine(_directory, "refs", "remotes", "origin", branch);
        if (File.Exists(loose))
        {
            File.Delete(loose);
        }
    }

    private Task<GitResult> RunRemoteAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        _git.RunAsync(new GitInvocation(arguments, _directory, _options.NetworkTimeout) { Environment = _credentials.Environment }, cancellationToken);

    private Task<GitResult> RunLocalAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken) =>
        _git.RunAsync(new GitInvocation(arguments, _directory, _options.LocalTimeout) { Environment = environment ?? new Dictionary<string, string>() }, cancellationToken);

    private Task<string> RunLocalCheckedAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken, string? input = null) =>
        _git.RunCheckedAsync(new GitInvocation(arguments, _directory, _options.LocalTimeout) { Environment = environment ?? new Dictionary<string, string>(), StandardInput = input }, cancellationToken);
}
