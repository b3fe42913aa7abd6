using CanaryFlow.Core.Git;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// Answers "do the manifests under the path at this commit still yield the aborted template?" (the HEAD-already-fixed
/// guard). The controller uses <see cref="ManifestTemplateProbe"/> (plain YAML read directly, kustomize built); the
/// executor's unit tests use a probe that also lets them act between fetch and push.
/// </summary>
internal interface ITemplateProbe
{
    Task<bool> YieldsAbortedTemplateAsync(GitRepository repository, string commit, RevertRequest request, CancellationToken cancellationToken);
}
