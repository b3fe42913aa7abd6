using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>Facts about a schema node that <see cref="StructuralSchema"/> does not model, read from its raw JSON.</summary>
public static class StructuralSchemaRawExtensions
{
    /// <summary><c>additionalProperties: false</c>, which the typed model cannot tell apart from an absent keyword.</summary>
    public static bool ForbidsAdditionalProperties(this StructuralSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.Raw.TryGetPropertyValue("additionalProperties", out var node) &&
            node is JsonValue value && value.TryGetValue(out bool allowed) && !allowed;
    }

    /// <summary>Whether the raw schema spells out <paramref name="keyword"/>, whatever its value.</summary>
    public static bool Declares(this StructuralSchema schema, string keyword)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.Raw.ContainsKey(keyword);
    }
}
