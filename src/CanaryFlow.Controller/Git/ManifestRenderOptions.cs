namespace CanaryFlow.Controller.Git;

/// <summary>How manifests in the config repo are rendered.</summary>
internal sealed record ManifestRenderOptions
{
    /// <summary>
    /// The kustomize build command; the directory to build is appended. Null tries <c>kubectl kustomize</c>, then
    /// <c>kustomize build</c>, the two that Argo CD and Flux users have.
    /// </summary>
    public IReadOnlyList<string>? KustomizeCommand { get; init; }

    /// <summary>A build with remote bases fetches over the network; one that hangs must not hold a worker forever.</summary>
    public TimeSpan KustomizeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Renders remembered per (commit, path); every Healthy transition searches history again.</summary>
    public int CacheCapacity { get; init; } = 1024;
}
