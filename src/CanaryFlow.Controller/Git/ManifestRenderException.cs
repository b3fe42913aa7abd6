namespace CanaryFlow.Controller.Git;

/// <summary>
/// The manifests under a path at a commit could not be rendered. The message names the path, the commit and the
/// cause (the parser's or kustomize's own words), so a condition or Event can say why.
/// </summary>
internal sealed class ManifestRenderException : Exception
{
    public ManifestRenderException(ManifestRenderFailure reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public ManifestRenderFailure Reason { get; }

    /// <summary>
    /// Whether the commit's content is at fault (and another commit may render fine), as opposed to this
    /// controller's environment (no kustomize binary, a build that timed out), where no commit can be judged.
    /// </summary>
    public bool IsContentProblem => Reason is ManifestRenderFailure.PathNotFound or ManifestRenderFailure.InvalidManifest or ManifestRenderFailure.KustomizeFailed;
}

internal enum ManifestRenderFailure
{
    /// <summary>Nothing exists at the path in that commit.</summary>
    PathNotFound,

    /// <summary>A file is not valid YAML or JSON.</summary>
    InvalidManifest,

    /// <summary>The kustomize build exited with an error.</summary>
    KustomizeFailed,

    /// <summary>The kustomize build did not finish in time.</summary>
    KustomizeTimedOut,

    /// <summary>Neither <c>kubectl kustomize</c> nor <c>kustomize build</c> (or the configured command) could be started.</summary>
    KustomizeUnavailable,
}
