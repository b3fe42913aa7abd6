using System.Text.RegularExpressions;

namespace CanaryFlow.Controller.Demo;

/// <summary>
/// The demo's config repo: a bare repository (the "remote" that Argo CD and CanaryFlow use, by file:// URL) seeded
/// from examples/ plus the demo overlay, and a clone in which CI commits releases and pushes them, as a pipeline
/// running <c>kustomize edit set image</c> would.
/// </summary>
public sealed partial class ConfigRepo
{
    public const string Branch = "main";

    /// <summary>The trailer CanaryFlow's revert commits carry, naming the Rollout.</summary>
    public const string RevertTrailer = "CanaryFlow-Rollout:";

    private static readonly string[] _ciIdentity = ["-c", "user.name=Storefront CI", "-c", "user.email=ci@shop.example.com"];

    private ConfigRepo(string bare, string clone)
    {
        BareDirectory = bare;
        CloneDirectory = clone;
    }

    public string BareDirectory { get; }

    /// <summary>CI's working copy.</summary>
    public string CloneDirectory { get; }

    public string Url => new Uri(BareDirectory).AbsoluteUri;

    /// <summary>Creates the bare repository, and commits examples/ with the overlay files to <see cref="Branch"/>.</summary>
    public static async Task<ConfigRepo> CreateAsync(string directory, string examples, string overlayPath, IReadOnlyDictionary<string, string> overlayFiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(overlayFiles);
        var repo = new ConfigRepo(Path.Combine(directory, "config.git"), Path.Combine(directory, "ci"));
        await GitAsync(directory, cancellationToken, "init", "--quiet", "--bare", "--initial-branch=" + Branch, repo.BareDirectory).ConfigureAwait(false);
        await GitAsync(directory, cancellationToken, "clone", "--quiet", repo.Url, repo.CloneDirectory).ConfigureAwait(false);
        CopyDirectory(examples, repo.CloneDirectory);
        var overlay = Path.Combine(repo.CloneDirectory, overlayPath);
        Directory.CreateDirectory(overlay);
        foreach (var (name, content) in overlayFiles)
        {
            await File.WriteAllTextAsync(Path.Combine(overlay, name), content, cancellationToken).ConfigureAwait(false);
        }

        await repo.CommitAndPushAsync("Config repo from CanaryFlow's examples/, with the demo overlay (storefront v1)", cancellationToken).ConfigureAwait(false);
        return repo;
    }

    /// <summary>CI releases <paramref name="version"/> to the overlay: one changed line, one commit, pushed; returns the commit.</summary>
    public async Task<string> ReleaseAsync(string overlayPath, string version, CancellationToken cancellationToken)
    {
        await GitAsync(CloneDirectory, cancellationToken, "pull", "--quiet", "--ff-only", "origin", Branch).ConfigureAwait(false);
        var kustomization = Path.Combine(CloneDirectory, overlayPath, "kustomization.yaml");
        var text = await File.ReadAllTextAsync(kustomization, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(kustomization, NewTag().Replace(text, "newTag: " + version, 1), cancellationToken).ConfigureAwait(false);
        return await CommitAndPushAsync($"storefront: release {version}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The newest commit on the remote branch after <paramref name="since"/> that carries <see cref="RevertTrailer"/>.</summary>
    public async Task<string?> FindRevertAsync(string since, CancellationToken cancellationToken)
    {
        await GitAsync(CloneDirectory, cancellationToken, "fetch", "--quiet", "origin", Branch).ConfigureAwait(false);
        var found = await GitAsync(CloneDirectory, cancellationToken, "log", "-1", "--format=%H", "--grep=^" + RevertTrailer, since + "..origin/" + Branch).ConfigureAwait(false);
        return found.Trim() is { Length: > 0 } sha ? sha : null;
    }

    /// <summary><c>git show --stat</c> of a commit, fetched first (CanaryFlow pushes to the bare repository).</summary>
    public async Task<string> ShowStatAsync(string commit, CancellationToken cancellationToken)
    {
        await GitAsync(CloneDirectory, cancellationToken, "fetch", "--quiet", "origin", Branch).ConfigureAwait(false);
        return await GitAsync(CloneDirectory, cancellationToken, "show", "--stat", "--format=commit %H%nAuthor: %an <%ae>%n%n%B", commit).ConfigureAwait(false);
    }

    /// <summary>The content of a file at a commit.</summary>
    public Task<string> ShowFileAsync(string commit, string path, CancellationToken cancellationToken) =>
        GitAsync(CloneDirectory, cancellationToken, "show", commit + ":" + path);

    public static Task<string> GitAsync(string directory, CancellationToken cancellationToken, params string[] arguments) =>
        ExternalCommand.RunCheckedAsync("git", arguments, directory, cancellationToken);

    private async Task<string> CommitAndPushAsync(string message, CancellationToken cancellationToken)
    {
        await GitAsync(CloneDirectory, cancellationToken, "add", "--all").ConfigureAwait(false);
        await GitAsync(CloneDirectory, cancellationToken, [.. _ciIdentity, "commit", "--quiet", "-m", message]).ConfigureAwait(false);
        await GitAsync(CloneDirectory, cancellationToken, "push", "--quiet", "origin", "HEAD:" + Branch).ConfigureAwait(false);
        return (await GitAsync(CloneDirectory, cancellationToken, "rev-parse", "HEAD").ConfigureAwait(false)).Trim();
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    [GeneratedRegex(@"newTag: \S+")]
    private static partial Regex NewTag();
}
