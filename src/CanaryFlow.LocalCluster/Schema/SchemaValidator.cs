using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// Validates a value against a structural schema as kube-apiserver validates custom resources: kube-openapi's OpenAPI
/// v3 validators (type, nullable, int-or-string, enum, bounds, lengths, pattern, supported formats, item and property
/// counts, uniqueItems, required, additionalProperties, anyOf/oneOf/allOf/not) followed by apiextensions'
/// <c>x-kubernetes-list-type</c> set/map uniqueness, with the messages and causes the real server gives.
/// Errors come sorted by field, then by message, so responses are deterministic (upstream order follows Go map
/// iteration and varies between calls).
/// </summary>
/// <remarks>
/// Known gap: CEL rules (<c>x-kubernetes-validations</c>) are not evaluated; objects that break them are accepted.
/// ObjectMeta rules (name syntax and the like) are not part of the schema and are checked elsewhere.
/// </remarks>
public static class SchemaValidator
{
    /// <param name="rootPath">The field path of <paramref name="value"/>, prefixed to every error field; empty for a resource root.</param>
    public static IReadOnlyList<FieldError> Validate(JsonNode? value, StructuralSchema schema, string rootPath = "")
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(rootPath);
        var errors = new List<FieldError>();
        new SchemaValidationRun(rootPath, ratcheting: false).ValidateNode(value, schema, OldValue.None, structural: true, errors);
        return Sorted(errors);
    }

    /// <summary>
    /// Update-time validation with ratcheting (GA in 1.33): errors inside a part of the object that is unchanged from
    /// <paramref name="oldValue"/> are dropped, so objects that became invalid through a schema change stay writable.
    /// Parts correlate by property name, map key, list-type map key fields and set value; items of atomic lists do not.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateRatcheting(
        JsonNode? newValue, JsonNode? oldValue, StructuralSchema schema, string rootPath = "")
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(rootPath);
        var errors = new List<FieldError>();
        new SchemaValidationRun(rootPath, ratcheting: true)
            .ValidateNode(newValue, schema, new OldValue(oldValue, true), structural: true, errors);
        return Sorted(errors);
    }

    private static List<FieldError> Sorted(List<FieldError> errors)
    {
        if (errors.Count > 1)
        {
            errors.Sort(static (a, b) =>
            {
                var byField = string.CompareOrdinal(a.Field, b.Field);
                return byField != 0 ? byField : string.CompareOrdinal(a.ErrorBody, b.ErrorBody);
            });
        }

        return errors;
    }
}
