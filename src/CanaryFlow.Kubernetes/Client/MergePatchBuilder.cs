using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace CanaryFlow.Kubernetes.Client;

/// <summary>
/// Builds the RFC 7386 merge patch that turns one JSON document into another: changed and added members as they are
/// in the target, removed members as null, objects compared member by member and everything else (arrays included)
/// replaced whole. Sending only the difference keeps fields the writer does not model untouched.
/// </summary>
public static class MergePatchBuilder
{
    /// <summary>
    /// The patch of an object's <c>status</c> from <paramref name="before"/> to <paramref name="after"/>, or null when
    /// they serialize the same. It carries <paramref name="resourceVersion"/>, which makes the write conditional: a
    /// change made meanwhile (a person's verb, another writer) answers 409 instead of being overwritten.
    /// </summary>
    public static JsonObject? ForStatus<TStatus>(TStatus? before, TStatus after, JsonTypeInfo<TStatus> typeInfo, string? resourceVersion)
        where TStatus : class
    {
        var original = new JsonObject { ["status"] = before is null ? null : JsonSerializer.SerializeToNode(before, typeInfo) };
        var modified = new JsonObject { ["status"] = JsonSerializer.SerializeToNode(after, typeInfo) };
        if (Create(original, modified) is not { } patch)
        {
            return null;
        }

        patch["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion };
        return patch;
    }

    /// <summary>The patch from <paramref name="original"/> to <paramref name="modified"/>, or null when they are equal.</summary>
    public static JsonObject? Create(JsonObject original, JsonObject modified)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(modified);
        var patch = new JsonObject();
        foreach (var (name, value) in modified)
        {
            if (!original.TryGetPropertyValue(name, out var before))
            {
                patch[name] = value?.DeepClone();
            }
            else if (before is JsonObject beforeObject && value is JsonObject afterObject)
            {
                if (Create(beforeObject, afterObject) is { } nested)
                {
                    patch[name] = nested;
                }
            }
            else if (!JsonNode.DeepEquals(before, value))
            {
                patch[name] = value?.DeepClone();
            }
        }

        foreach (var (name, _) in original)
        {
            if (!modified.ContainsKey(name))
            {
                patch[name] = null;
            }
        }

        return patch.Count == 0 ? null : patch;
    }
}
