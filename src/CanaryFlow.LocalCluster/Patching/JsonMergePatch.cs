using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Patching;

/// <summary>RFC 7386 JSON Merge Patch (<c>application/merge-patch+json</c>).</summary>
public static class JsonMergePatch
{
    /// <summary>
    /// Merges <paramref name="patch"/> into <paramref name="target"/>: objects merge member by member, a null member deletes,
    /// anything else (arrays included) replaces. Returns new nodes; neither argument is modified.
    /// </summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchMap)
        {
            return patch?.DeepClone();
        }

        var targetMap = target as JsonObject;
        var result = new JsonObject();
        if (targetMap is not null)
        {
            foreach (var (name, value) in targetMap)
            {
                if (!patchMap.TryGetPropertyValue(name, out var patchValue))
                {
                    result[name] = value?.DeepClone();
                }
                else if (patchValue is not null)
                {
                    result[name] = Apply(value, patchValue);
                }
            }
        }

        foreach (var (name, patchValue) in patchMap)
        {
            if (patchValue is not null && targetMap?.ContainsKey(name) != true)
            {
                // Merging into "nothing" rather than copying drops nulls nested in the new member, as the RFC's algorithm does.
                result[name] = Apply(null, patchValue);
            }
        }

        return result;
    }
}
