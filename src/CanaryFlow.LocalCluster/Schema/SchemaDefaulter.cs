using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// Applies <c>default</c> values as apiextensions-apiserver does before validation: a missing property gets its
/// default (recursively, so defaults inside a freshly defaulted object, inside array items and inside map values are
/// filled too); a <c>null</c> where the schema is not nullable is dropped, or replaced by the default when there is
/// one; a null where the schema says <c>nullable: true</c> is kept and not defaulted.
/// </summary>
public static class SchemaDefaulter
{
    /// <summary>A defaulted copy of <paramref name="value"/>; the input is not changed.</summary>
    public static JsonNode? Default(JsonNode? value, StructuralSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var copy = value?.DeepClone();
        ApplyInPlace(copy, schema);
        return copy;
    }

    /// <summary>Defaults <paramref name="value"/> itself, for callers that already hold a private copy (e.g. a pruned one).</summary>
    public static void ApplyInPlace(JsonNode? value, StructuralSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        switch (value)
        {
            case JsonObject obj:
                DefaultObject(obj, schema);
                break;
            case JsonArray array when schema.Items is { } items:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is null && !items.Nullable && HasDefault(items))
                    {
                        array[i] = items.Default!.DeepClone();
                    }

                    ApplyInPlace(array[i], items);
                }

                break;
        }
    }

    private static void DefaultObject(JsonObject obj, StructuralSchema schema)
    {
        List<string>? dropped = null;
        for (var i = 0; i < obj.Count; i++)
        {
            var (key, child) = obj.GetAt(i);
            if (child is not null)
            {
                continue;
            }

            var fieldSchema = schema.PropertyOrAdditional(key);
            if (fieldSchema is null || fieldSchema.Nullable)
            {
                continue;
            }

            if (HasDefault(fieldSchema))
            {
                obj[key] = fieldSchema.Default!.DeepClone();
            }
            else
            {
                (dropped ??= []).Add(key);
            }
        }

        if (dropped is not null)
        {
            foreach (var key in dropped)
            {
                obj.Remove(key);
            }
        }

        foreach (var name in schema.PropertyOrder)
        {
            var property = schema.Properties[name];
            if (HasDefault(property) && !obj.ContainsKey(name))
            {
                obj[name] = property.Default!.DeepClone();
            }
        }

        for (var i = 0; i < obj.Count; i++)
        {
            var (key, child) = obj.GetAt(i);
            if (child is not null && schema.PropertyOrAdditional(key) is { } childSchema)
            {
                ApplyInPlace(child, childSchema);
            }
        }
    }

    /// <summary>A <c>default: null</c> is no default at all, as in Go where it decodes to a nil interface.</summary>
    private static bool HasDefault(StructuralSchema schema) => schema.HasDefault && schema.Default is not null;
}
