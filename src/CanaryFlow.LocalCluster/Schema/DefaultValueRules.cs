using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// The checks apiextensions runs on the <c>default</c> values of a structural schema: a default must not contain
/// fields the schema would prune, and must itself validate against the schema of its node.
/// </summary>
/// <remarks>
/// Defaults under apiVersion, kind or metadata of an embedded resource are not checked (upstream validates them as part
/// of a whole object's ObjectMeta); top-level ones are forbidden by <see cref="CrdSchemaKeywordRules"/>.
/// </remarks>
internal static class DefaultValueRules
{
    public static List<FieldError> Check(StructuralSchema root, string path)
    {
        var errors = new List<FieldError>();
        CheckNode(root, path, insideMeta: false, isResourceRoot: true, errors);
        return errors;
    }

    private static void CheckNode(StructuralSchema schema, string path, bool insideMeta, bool isResourceRoot, List<FieldError> errors)
    {
        var embedded = isResourceRoot || schema.EmbeddedResource;
        if (schema.EmbeddedResource)
        {
            insideMeta = false;
        }

        if (schema.HasDefault && schema.Default is { } defaultValue && !insideMeta)
        {
            var pruned = SchemaPruner.Prune(defaultValue, schema, schema.EmbeddedResource).Value;
            if (!JsonValueEquality.AreEqual(pruned, defaultValue))
            {
                errors.Add(FieldError.Invalid(path + ".default", defaultValue.DeepClone(), "must not have unknown fields"));
            }

            errors.AddRange(SchemaValidator.Validate(defaultValue, schema, path + ".default"));
        }

        if (schema.Items is { } items)
        {
            CheckNode(items, path + ".items", insideMeta, isResourceRoot: false, errors);
        }

        foreach (var name in schema.PropertyOrder)
        {
            var childInsideMeta = insideMeta || (embedded && name is "metadata" or "apiVersion" or "kind");
            CheckNode(schema.Properties[name], path + ".properties[" + name + "]", childInsideMeta, isResourceRoot: false, errors);
        }
    }
}
