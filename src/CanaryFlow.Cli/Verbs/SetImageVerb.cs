using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Cli.Errors;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;

namespace CanaryFlow.Cli.Verbs;

/// <summary>
/// <c>set image NAME CONTAINER=IMAGE...</c>: changes images in spec.template (containers and initContainers), which
/// the controller takes live as a new canary. A JSON patch replaces only the image fields and tests each container's
/// name at its index first, so a template edited meanwhile is never written at the wrong place; the rest of the
/// template is left exactly as the user wrote it.
/// </summary>
internal static class SetImageVerb
{
    private static readonly string[] _lists = ["initContainers", "containers"];

    public static VerbResult Build(Rollout rollout, IReadOnlyList<ImageAssignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(assignments);
        var name = $"Rollout {rollout.Metadata.Namespace}/{rollout.Metadata.Name}";
        var spec = rollout.Spec?.Template is { ValueKind: JsonValueKind.Object } template && JsonObject.Create(template)?["spec"] is JsonObject s ? s : null;
        var operations = new JsonArray();
        var known = new List<string>();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var list in _lists)
        {
            if (spec?[list] is not JsonArray containers)
            {
                continue;
            }

            for (var i = 0; i < containers.Count; i++)
            {
                if (containers[i]?["name"]?.GetValueKind() != JsonValueKind.String)
                {
                    continue;
                }

                var container = containers[i]!["name"]!.GetValue<string>();
                known.Add(container);
                var assignment = assignments.LastOrDefault(a => a.Container == container) ?? assignments.LastOrDefault(a => a.Container == "*");
                if (assignment is null)
                {
                    continue;
                }

                matched.Add(assignment.Container);
                var current = containers[i]!["image"]?.GetValueKind() == JsonValueKind.String ? containers[i]!["image"]!.GetValue<string>() : null;
                if (current == assignment.Image)
                {
                    continue;
                }

                var path = $"/spec/template/spec/{list}/{i}";
                operations.Add((JsonNode)new JsonObject { ["op"] = "test", ["path"] = path + "/name", ["value"] = container });
                operations.Add((JsonNode)new JsonObject { ["op"] = current is null ? "add" : "replace", ["path"] = path + "/image", ["value"] = assignment.Image });
            }
        }

        if (assignments.FirstOrDefault(a => !matched.Contains(a.Container)) is { } unknown)
        {
            throw new UsageException($"{name} has no container \"{unknown.Container}\" (its containers: {(known.Count == 0 ? "none" : string.Join(", ", known))})");
        }

        var images = string.Join(", ", assignments.Select(a => $"{a.Container}={a.Image}"));
        return operations.Count == 0
            ? new VerbResult([], $"{name} already runs {images}")
            : new VerbResult([new VerbPatch(VerbTarget.Spec, operations, IsJsonPatch: true)], $"{name} image updated: {images}");
    }
}
