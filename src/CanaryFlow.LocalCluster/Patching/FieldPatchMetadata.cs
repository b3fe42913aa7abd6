using CanaryFlow.LocalCluster.Schema;

namespace CanaryFlow.LocalCluster.Patching;

/// <summary>
/// How strategic merge treats one field: its schema (null when the field is unknown, which merges maps and replaces lists),
/// its patch strategy with <c>retainKeys</c> removed (that one only licenses the <c>$retainKeys</c> directive) and its merge key.
/// </summary>
internal sealed record FieldPatchMetadata(StructuralSchema? Schema, string? Strategy, string? MergeKey)
{
    public bool MergesList => Strategy == StrategicDirective.Merge;

    public bool ReplacesMap => Strategy == StrategicDirective.Replace;

    public StructuralSchema? ItemSchema => Schema?.Items;

    public static FieldPatchMetadata For(StructuralSchema? parent, string field)
    {
        var schema = parent?.PropertyOrAdditional(field);
        return new FieldPatchMetadata(schema, StrategyWithoutRetainKeys(schema?.PatchStrategy, field), schema?.PatchMergeKey);
    }

    private static string? StrategyWithoutRetainKeys(string? declared, string field)
    {
        if (string.IsNullOrEmpty(declared))
        {
            return null;
        }

        var parts = declared.Split(',');
        return parts switch
        {
            [StrategicDirective.RetainKeysStrategy] => null,
            [var single] => single,
            [StrategicDirective.RetainKeysStrategy, var other] => other,
            [var other, StrategicDirective.RetainKeysStrategy] => other,
            _ => throw new PatchApplicationException($"field \"{field}\" has an unexpected patch strategy \"{declared}\""),
        };
    }
}
