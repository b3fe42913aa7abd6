using System.Text.Json.Nodes;
using CanaryFlow.Core.Git;

namespace CanaryFlow.Core.Tests.Git;

public sealed class KustomizationReferencesTests
{
    [Theory]
    [InlineData("apps/api/overlays/production", "../../base", "apps/api/base")]
    [InlineData("apps/api/overlays/production", "./patch.yaml", "apps/api/overlays/production/patch.yaml")]
    [InlineData("", "./apps/api/", "apps/api")]
    [InlineData("apps", "../shared", "shared")]
    [InlineData("apps", "../..", null)]
    [InlineData("apps", "/etc/passwd", null)]
    [InlineData("apps", "https://github.com/org/repo//base?ref=v1", null)]
    [InlineData("apps", "  ", null)]
    public void Paths_resolve_inside_the_repository_only(string directory, string relative, string? expected) =>
        Assert.Equal(expected, KustomizationReferences.Resolve(directory, relative));

    [Fact]
    public void Every_string_value_is_a_candidate_including_the_path_of_key_equals_path()
    {
        var kustomization = JsonNode.Parse("""
            {
              "resources": ["../../base", "https://example.com/remote.yaml"],
              "patches": [{ "path": "image.yaml", "target": { "kind": "Rollout" } }],
              "configMapGenerator": [{ "name": "cfg", "files": ["app.conf=config/app.conf"] }],
              "namespace": "production"
            }
            """);

        var candidates = KustomizationReferences.Candidates("apps/api/overlays/production", kustomization);

        Assert.Contains("apps/api/base", candidates);
        Assert.Contains("apps/api/overlays/production/image.yaml", candidates);
        Assert.Contains("apps/api/overlays/production/config/app.conf", candidates);
        // Harmless extras: the caller keeps only candidates that exist in the tree.
        Assert.Contains("apps/api/overlays/production/production", candidates);
        Assert.DoesNotContain(candidates, candidate => candidate.Contains("example.com", StringComparison.Ordinal));
    }
}
