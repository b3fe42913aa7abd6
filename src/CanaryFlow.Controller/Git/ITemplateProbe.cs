using CanaryFlow.Core.Git;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// Answers "do the manifests under the path at this commit still yield the aborted template?" (the HEAD-already-fixed
/// guard). The content-based implementation (plain YAML read directly, kustomize built) is the next increment; see
/// docs/git-revert-plan.md.
/// </summary>
internal interface ITemplateProbe
{
    Task<bool> YieldsAbortedTemplateAsync(GitRepository repository, string commit, RevertRequest request, CancellationToken cancellationToken);
}
