using System.Text;
using System.Text.Json.Nodes;

namespace CanaryFlow.Core.Hashing;

/// <summary>
/// The bytes that <see cref="PodTemplateHash"/> hashes: the version line <c>v1\n</c> followed by the template in
/// <see cref="CanonicalJsonWriter"/>'s canonical JSON, UTF-8 encoded.
/// <para>
/// The input is the template as the user wrote it in the Rollout. <c>spec.template</c> of a Rollout is a custom
/// resource field with <c>x-kubernetes-preserve-unknown-fields</c>, so the API server injects no defaults there, and
/// nothing here adds or removes defaults either: a field the user writes explicitly with its default value hashes
/// differently from the field left out. Normalisations of version 1, all of which only merge spellings that mean
/// the same template:
/// </para>
/// <list type="number">
/// <item>object members are sorted by name, and whitespace is dropped;</item>
/// <item>a member whose value is null is dropped anywhere in the tree (null equals absent), which covers the
/// <c>metadata.creationTimestamp: null</c> that Go clients write for a zero time;</item>
/// <item>the template's top-level <c>metadata</c> is dropped when nothing but nulls is left in it, since Go writes
/// an empty <c>metadata: {}</c> for a template that has none (empty objects elsewhere, such as
/// <c>emptyDir: {}</c>, mean something and are kept);</item>
/// <item>numbers are written by exact decimal value, so <c>3</c> and <c>3.0</c> are one number;</item>
/// <item>strings have one escaping, and array elements keep their order.</item>
/// </list>
/// </summary>
public static class PodTemplateCanonicalForm
{
    /// <summary>The canonical JSON of the template, without the version line (for diagnostics: diff two of them to
    /// see why two hashes differ).</summary>
    public static string ToJson(JsonObject podTemplate)
    {
        ArgumentNullException.ThrowIfNull(podTemplate);
        var builder = new StringBuilder();
        CanonicalJsonWriter.AppendObject(builder, podTemplate.Where(member => !IsEmptyMetadata(member)));
        return builder.ToString();
    }

    /// <summary>The exact bytes that are hashed: version line, then <see cref="ToJson"/>.</summary>
    public static byte[] ToHashInput(JsonObject podTemplate) =>
        Encoding.UTF8.GetBytes(PodTemplateHash.Version + "\n" + ToJson(podTemplate));

    private static bool IsEmptyMetadata(KeyValuePair<string, JsonNode?> member) =>
        member.Key == "metadata"
        && member.Value is JsonObject metadata
        && metadata.All(field => CanonicalJsonWriter.IsNull(field.Value));
}
