using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Patching;

/// <summary>The directive keys and values of a strategic merge patch, as kubectl and apimachinery spell them.</summary>
internal static class StrategicDirective
{
    public const string PatchKey = "$patch";
    public const string RetainKeysKey = "$retainKeys";
    public const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList";
    public const string SetElementOrderPrefix = "$setElementOrder";

    public const string Replace = "replace";
    public const string Delete = "delete";
    public const string Merge = "merge";
    public const string RetainKeysStrategy = "retainKeys";

    /// <summary>True for keys that only instruct the merge and must never be stored in an object.</summary>
    public static bool IsInstructionKey(string key) =>
        key == PatchKey
        || key == RetainKeysKey
        || key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal)
        || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal);

    /// <summary>The list field a parallel-list key such as <c>$setElementOrder/containers</c> refers to.</summary>
    public static string FieldOf(string key, string prefix)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !key.AsSpan(0, slash).SequenceEqual(prefix))
        {
            throw new PatchApplicationException($"invalid patch key \"{key}\": expected \"{prefix}/<field>\"");
        }

        return key[(slash + 1)..];
    }

    /// <summary>Whether a map carries <c>$patch</c>, and its value (a non-string value as JSON text, so it never matches).</summary>
    public static bool TryGetPatchDirective(JsonObject map, out string directive)
    {
        if (!map.TryGetPropertyValue(PatchKey, out var value))
        {
            directive = "";
            return false;
        }

        directive = value is JsonValue scalar && scalar.TryGetValue(out string? text) ? text : value?.ToJsonString() ?? "null";
        return true;
    }
}
