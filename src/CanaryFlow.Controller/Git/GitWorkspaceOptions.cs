namespace CanaryFlow.Controller.Git;

/// <summary>Where clones are cached and how long git may take.</summary>
internal sealed record GitWorkspaceOptions
{
    /// <summary>Root of the per-repository clone cache; a private temp directory when null.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Fetch, push and ls-remote: a remote that hangs must not hold a reconcile worker forever.</summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Local plumbing (ls-tree, commit-tree, ...).</summary>
    public TimeSpan LocalTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Identity of the commits the controller makes.</summary>
    public GitSignature Committer { get; init; } = new("CanaryFlow", "canaryflow@canaryflow.io");
}

/// <summary>Author and committer of a commit.</summary>
internal sealed record GitSignature(string Name, string Email);
