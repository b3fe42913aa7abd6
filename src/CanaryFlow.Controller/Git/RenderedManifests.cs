using System.Text.Json.Nodes;

namespace CanaryFlow.Controller.Git;

/// <summary>The manifest documents under a path at a commit, as a sync tool would apply them.</summary>
/// <param name="Kustomized">Whether the path holds a kustomization (built) rather than plain files (read).</param>
internal sealed record RenderedManifests(IReadOnlyList<JsonNode?> Documents, bool Kustomized);
