using CanaryFlow.LocalCluster.Schema;

namespace CanaryFlow.LocalCluster.Tests.Schema;

/// <summary>Navigates an expanded schema by a dotted field path; <c>[]</c> steps into array items, <c>{}</c> into map values.</summary>
internal static class SchemaPath
{
    public static StructuralSchema At(StructuralSchema root, string path)
    {
        var current = root;
        foreach (var segment in path.Split('.'))
        {
            var name = segment;
            var steps = new List<string>();
            while (name.EndsWith("[]", StringComparison.Ordinal) || name.EndsWith("{}", StringComparison.Ordinal))
            {
                steps.Insert(0, name[^2..]);
                name = name[..^2];
            }

            current = current.Properties.TryGetValue(name, out var property)
                ? property
                : throw new Xunit.Sdk.XunitException($"no property '{name}' at '{path}'");
            foreach (var step in steps)
            {
                current = (step == "[]" ? current.Items : current.AdditionalProperties)
                    ?? throw new Xunit.Sdk.XunitException($"'{name}' in '{path}' has no {(step == "[]" ? "items" : "map values")}");
            }
        }

        return current;
    }
}
