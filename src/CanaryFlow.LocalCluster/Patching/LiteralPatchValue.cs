using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Patching;

/// <summary>
/// Turns patch content that has nothing to merge with (a new field, a replaced list or map, a new list element) into
/// stored content. The real server takes such content as written but drops the nulls and any map carrying <c>$patch</c>
/// (apimachinery's removeDirectives), and its typed decoding drops the remaining directive keys; this does the same so no
/// instruction ever ends up stored in an object. Always builds new nodes, leaving the patch untouched.
/// </summary>
internal static class LiteralPatchValue
{
    /// <summary>False when the whole value is an instruction (a map with <c>$patch</c>) and the field must not be kept.</summary>
    public static bool TryCreate(JsonNode? patch, out JsonNode? value)
    {
        switch (patch)
        {
            case JsonObject map when map.ContainsKey(StrategicDirective.PatchKey):
                value = null;
                return false;
            case JsonObject map:
                value = CreateMap(map);
                return true;
            case JsonArray list:
                value = CreateList(list);
                return true;
            default:
                value = patch?.DeepClone();
                return true;
        }
    }

    /// <summary>The members of a map whose own <c>$patch</c> marker has already been acted on.</summary>
    public static JsonObject CreateMap(JsonObject patch)
    {
        var result = new JsonObject();
        foreach (var (key, member) in patch)
        {
            if (member is not null && !StrategicDirective.IsInstructionKey(key) && TryCreate(member, out var value))
            {
                result[key] = value;
            }
        }

        return result;
    }

    public static JsonArray CreateList(JsonArray patch) => new(CreateItems(patch).ToArray());

    public static List<JsonNode?> CreateItems(IEnumerable<JsonNode?> patch)
    {
        var items = new List<JsonNode?>();
        foreach (var element in patch)
        {
            if (TryCreate(element, out var value))
            {
                items.Add(value);
            }
        }

        return items;
    }
}
