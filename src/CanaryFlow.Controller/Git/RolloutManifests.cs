using CanaryFlow.Core.Git;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// The Rollouts that a path renders to at a commit, or why it rendered nothing (a commit's content problem; problems
/// of the controller's environment are thrown instead, see <see cref="ManifestRenderException.IsContentProblem"/>).
/// </summary>
internal sealed record RolloutManifests(IReadOnlyList<RenderedRollout> Rollouts, ManifestRenderException? Failure)
{
    public RolloutTemplateLookup Find(string ns, string name) => RolloutTemplateLookup.Find(Rollouts, ns, name);
}
