using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Hashing;

namespace CanaryFlow.Core.Git;

/// <summary>
/// Picks the Rollouts out of rendered manifest documents and hashes their templates with the controller's own
/// <see cref="PodTemplateHash"/>, so a hash found in Git is comparable with <c>status.currentPodHash</c>.
/// </summary>
public static class RenderedRolloutReader
{
    private const string _groupPrefix = RolloutApi.Group + "/";

    /// <summary>
    /// Every <c>canaryflow.io/*</c> Rollout among the documents, in their order; a <c>v1 List</c> is opened (kubectl
    /// applies its items). Documents that are not objects with a kind are not manifests and are passed over.
    /// </summary>
    public static IReadOnlyList<RenderedRollout> Read(IEnumerable<JsonNode?> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var rollouts = new List<RenderedRollout>();
        foreach (var document in documents)
        {
            Collect(document, rollouts);
        }

        return rollouts;
    }

    private static void Collect(JsonNode? document, List<RenderedRollout> rollouts)
    {
        if (document is not JsonObject manifest)
        {
            return;
        }

        var kind = Text(manifest["kind"]);
        var apiVersion = Text(manifest["apiVersion"]);
        if (kind is "List" && manifest["items"] is JsonArray items)
        {
            foreach (var item in items)
            {
                Collect(item, rollouts);
            }

            return;
        }

        if (kind != "Rollout" || apiVersion is null || !apiVersion.StartsWith(_groupPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var metadata = manifest["metadata"] as JsonObject;
        var name = Text(metadata?["name"]);
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var ns = Text(metadata?["namespace"]);
        var template = (manifest["spec"] as JsonObject)?["template"] as JsonObject;
        rollouts.Add(new RenderedRollout(string.IsNullOrEmpty(ns) ? null : ns, name, template is null ? null : PodTemplateHash.Compute(template)));
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
