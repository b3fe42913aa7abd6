using CanaryFlow.Controller.Git;
using CanaryFlow.Core.Git;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>
/// A content probe for these tests: the manifests yield the aborted template when the Rollout file at the commit
/// names the aborted image (read from the real repository). <see cref="BeforeAnswer"/> runs on each call, which is
/// after the fetch and before the push: the place to push a competing commit. The real content probe is tested in
/// ManifestTemplateProbeTests and GitHttpTransportTests.
/// </summary>
internal sealed class ImageTemplateProbe(string rolloutFile, string abortedImage) : ITemplateProbe
{
    public Action<int>? BeforeAnswer { get; set; }

    public int Calls { get; private set; }

    public async Task<bool> YieldsAbortedTemplateAsync(GitRepository repository, string commit, RevertRequest request, CancellationToken cancellationToken)
    {
        BeforeAnswer?.Invoke(++Calls);
        var content = await repository.ReadFileAsync(commit, rolloutFile, cancellationToken);
        return content.Contains($"image: {abortedImage}", StringComparison.Ordinal);
    }
}
