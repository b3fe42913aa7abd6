using CanaryFlow.Core.Git;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// Answers the HEAD-already-fixed guard by content: renders <see cref="RevertRequest.Path"/> at the commit and
/// compares the Rollout's template hash with the aborted one. A path or Rollout that is gone no longer yields it.
/// Whatever cannot be judged (broken manifests, kustomize missing or failing, two different manifests of the
/// Rollout) is a <see cref="GitRevertException"/>: guessing "fixed" would skip a needed revert, guessing "not fixed"
/// could revert someone's fix.
/// </summary>
internal sealed class ManifestTemplateProbe : ITemplateProbe
{
    private readonly RolloutManifestReader _reader;

    public ManifestTemplateProbe(RolloutManifestReader reader)
    {
        _reader = reader;
    }

    public async Task<bool> YieldsAbortedTemplateAsync(GitRepository repository, string commit, RevertRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subject = $"whether {request.Path} at {ManifestPath.Short(commit)} still yields Rollout {request.RolloutKey} template {request.AbortedHash}";
        RolloutManifests manifests;
        try
        {
            manifests = await _reader.ReadAsync(repository, commit, request.Path, cancellationToken);
        }
        catch (ManifestRenderException e)
        {
            throw new GitRevertException($"cannot tell {subject}: {e.Message}", e);
        }

        if (manifests.Failure is { Reason: ManifestRenderFailure.PathNotFound })
        {
            return false;
        }

        if (manifests.Failure is { } failure)
        {
            throw new GitRevertException($"cannot tell {subject}: {failure.Message}", failure);
        }

        var lookup = manifests.Find(request.Namespace, request.Name);
        return lookup.Kind == RolloutTemplateLookupKind.Ambiguous
            ? throw new GitRevertException($"cannot tell {subject}: the path holds several manifests of the Rollout with different templates")
            : lookup.Yields(request.AbortedHash);
    }
}
