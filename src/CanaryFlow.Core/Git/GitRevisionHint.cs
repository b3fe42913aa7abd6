namespace CanaryFlow.Core.Git;

/// <summary>
/// The config-repo commit a sync tool says it applied, read from the Rollout's annotation
/// <c>canaryflow.io/git-revision</c>. Only a hint: the healthy-revision search accepts it only when its manifests yield
/// the stable template. Argo CD (<c>Application.status.sync.revision</c>) and Flux
/// (<c>Kustomization.status.lastAppliedRevision</c>) keep their revision on their own objects; reading those is not
/// done here.
/// </summary>
public static class GitRevisionHint
{
    public const string Annotation = "canaryflow.io/git-revision";

    /// <summary>
    /// The commit id in the annotation, lower-cased, or null when there is none or it is not a commit id. Flux's
    /// spelling <c>main@sha1:&lt;id&gt;</c> (or <c>sha1:&lt;id&gt;</c>) is accepted; a branch or tag name is not, since
    /// it names a moving target rather than what was applied.
    /// </summary>
    public static string? From(IReadOnlyDictionary<string, string>? annotations)
    {
        if (annotations is null || !annotations.TryGetValue(Annotation, out var value))
        {
            return null;
        }

        var id = value.Trim();
        var at = id.LastIndexOf('@');
        if (at >= 0)
        {
            id = id[(at + 1)..];
        }

        var colon = id.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && id[..colon] is "sha1" or "sha256")
        {
            id = id[(colon + 1)..];
        }

        // 7 is git's shortest default abbreviation; 64 is a SHA-256 object id.
        return id.Length is >= 7 and <= 64 && id.All(char.IsAsciiHexDigit) ? id.ToLowerInvariant() : null;
    }
}
