using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Patching;

/// <summary>
/// <c>$retainKeys</c>: the live map keeps only the listed keys. kubectl sends it for union-like fields (e.g. a
/// Deployment's strategy) so that switching the variant clears the fields of the old one.
/// </summary>
internal static class RetainKeysDirective
{
    public static void Apply(JsonObject original, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(StrategicDirective.RetainKeysKey, out var directive))
        {
            return;
        }

        if (directive is not JsonArray list)
        {
            throw new PatchApplicationException($"{StrategicDirective.RetainKeysKey} must be a list of field names");
        }

        var retained = list
            .Select(entry => entry is JsonValue value && value.TryGetValue(out string? name) ? name : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);

        // A patch that sets a field it does not retain contradicts itself; the real server rejects it.
        foreach (var (key, value) in patch)
        {
            if (value is not null
                && key != StrategicDirective.RetainKeysKey
                && !key.StartsWith(StrategicDirective.DeleteFromPrimitiveListPrefix, StringComparison.Ordinal)
                && !key.StartsWith(StrategicDirective.SetElementOrderPrefix, StringComparison.Ordinal)
                && !retained.Contains(key))
            {
                throw new PatchApplicationException($"field \"{key}\" is in the patch but not in its {StrategicDirective.RetainKeysKey} list");
            }
        }

        foreach (var key in original.Select(member => member.Key).Where(key => !retained.Contains(key)).ToList())
        {
            original.Remove(key);
        }
    }
}
