using CanaryFlow.Core.Git;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// Renders a path at a commit and reads the Rollouts in it, remembering the result per (commit, path). A commit whose
/// content does not render (path absent, broken YAML, failing kustomize build) is answered with the failure rather
/// than thrown, since history is full of such commits; a problem of this controller's environment (no kustomize,
/// a build that timed out) is thrown, because then no commit can be judged.
/// </summary>
internal sealed class RolloutManifestReader
{
    private readonly ManifestRenderer _renderer;
    private readonly RenderedRolloutCache _cache;
    private int _renders;

    public RolloutManifestReader(ManifestRenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _renderer = new ManifestRenderer(options);
        _cache = new RenderedRolloutCache(options.CacheCapacity);
    }

    /// <summary>Renders actually run (not answered from the cache), for tests and diagnostics.</summary>
    public int Renders => Volatile.Read(ref _renders);

    /// <exception cref="ManifestRenderException">The controller cannot render at all (see
    /// <see cref="ManifestRenderException.IsContentProblem"/>).</exception>
    public async Task<RolloutManifests> ReadAsync(GitRepository repository, string commit, string path, CancellationToken cancellationToken)
    {
        var key = ManifestPath.Normalize(path);
        if (_cache.TryGet(commit, key, out var cached))
        {
            return cached;
        }

        Interlocked.Increment(ref _renders);
        RolloutManifests manifests;
        try
        {
            var rendered = await _renderer.RenderAsync(repository, commit, key, cancellationToken);
            manifests = new RolloutManifests(RenderedRolloutReader.Read(rendered.Documents), null);
        }
        catch (ManifestRenderException e) when (e.IsContentProblem)
        {
            manifests = new RolloutManifests([], e);
        }

        // A failed kustomize build may have been a remote base that was briefly unreachable: asked again next time.
        if (manifests.Failure?.Reason is not ManifestRenderFailure.KustomizeFailed)
        {
            _cache.Add(commit, key, manifests);
        }

        return manifests;
    }
}
