using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// Checks the <c>openAPIV3Schema</c> of a CRD version as kube-apiserver does when a v1 CRD is created or updated:
/// keyword rules first, then structurality, and, only for a structural schema, its defaults. The caller passes the
/// field path of the schema (e.g. <c>spec.versions[0].schema.openAPIV3Schema</c>), which prefixes every error field,
/// e.g. <c>spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields</c>.
/// </summary>
/// <remarks>
/// Known gaps: CEL rules are only checked for shape (non-empty rule, single-line message), not compiled or costed;
/// the CRD-level checks (names, versions, subresources) belong to the CRD strategy, not here.
/// </remarks>
public static class CrdSchemaChecker
{
    public static IReadOnlyList<FieldError> Check(JsonObject openApiV3Schema, string fieldPath) =>
        Check(StructuralSchema.Parse(openApiV3Schema), fieldPath);

    public static IReadOnlyList<FieldError> Check(StructuralSchema schema, string fieldPath)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(fieldPath);

        // Upstream validates defaults only once the schema is structural; their errors would otherwise be noise.
        var structural = StructuralSchemaRules.Check(schema, fieldPath);
        var errors = structural.Count > 0 ? structural : DefaultValueRules.Check(schema, fieldPath);

        var keywords = CrdSchemaKeywordRules.Check(schema, fieldPath);
        keywords.Sort(static (a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));
        errors.AddRange(keywords);
        return errors;
    }

    /// <summary>Whether the schema is structural; the CRD's <c>NonStructuralSchema</c> condition reports the opposite.</summary>
    public static bool IsStructural(StructuralSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return StructuralSchemaRules.Check(schema, string.Empty).Count == 0;
    }
}
