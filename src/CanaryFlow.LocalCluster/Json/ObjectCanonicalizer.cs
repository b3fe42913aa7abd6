using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Schema;

namespace CanaryFlow.LocalCluster.Json;

/// <summary>
/// Puts an object's members in the order the real server writes them, so that equal content serialises to equal
/// bytes (which is how no-op writes are detected): custom resources are unstructured maps, written with sorted
/// keys; built-in kinds are Go structs, written in field order with nulls omitted, and their maps sorted.
/// </summary>
internal static class ObjectCanonicalizer
{
    private static readonly HashSet<string> _nullTimeFields = new(StringComparer.Ordinal)
    {
        "creationTimestamp", "firstTimestamp", "lastTimestamp", "eventTime", "deprecatedFirstTimestamp", "deprecatedLastTimestamp",
    };

    public static JsonObject Canonicalize(JsonObject obj, StructuralSchema? schema, bool builtIn) =>
        (JsonObject)Canonical(obj, schema, builtIn)!;

    private static JsonNode? Canonical(JsonNode? node, StructuralSchema? schema, bool builtIn)
    {
        switch (node)
        {
            case JsonObject obj:
                return CanonicalObject(obj, schema, builtIn);
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    items.Add(Canonical(item, schema?.Items, builtIn));
                }

                return items;
            default:
                return node?.DeepClone();
        }
    }

    private static JsonObject CanonicalObject(JsonObject obj, StructuralSchema? schema, bool builtIn)
    {
        var result = new JsonObject();
        if (builtIn && schema is { PropertyOrder.Count: > 0 })
        {
            foreach (var name in schema.PropertyOrder)
            {
                if (obj.TryGetPropertyValue(name, out var value))
                {
                    AddMember(result, name, value, schema.Properties[name], builtIn);
                }
            }

            foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (!schema.Properties.ContainsKey(name))
                {
                    AddMember(result, name, value, schema.AdditionalProperties, builtIn);
                }
            }

            return result;
        }

        foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            AddMember(result, name, value, schema?.PropertyOrAdditional(name), builtIn);
        }

        return result;
    }

    private static void AddMember(JsonObject result, string name, JsonNode? value, StructuralSchema? schema, bool builtIn)
    {
        // Go omits nil pointers, maps and slices; metav1.Time fields without omitempty print as null.
        if (builtIn && value is null && !_nullTimeFields.Contains(name))
        {
            return;
        }

        result[name] = Canonical(value, schema, builtIn);
    }
}
