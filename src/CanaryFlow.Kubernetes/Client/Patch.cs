using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.Client;

public enum PatchType
{
    /// <summary>RFC 6902 operations.</summary>
    Json,

    /// <summary>RFC 7386: maps merge, null deletes, lists are replaced whole.</summary>
    Merge,

    /// <summary>Built-in kinds only: lists merge by their keys.</summary>
    StrategicMerge,

    /// <summary>Server-side apply of a partial object owned by the field manager.</summary>
    Apply,
}

/// <summary>A patch body with its type. Build with <see cref="Merge"/>, <see cref="Json"/>, <see cref="Strategic"/> or <see cref="Apply"/>.</summary>
public sealed record Patch(PatchType Type, string Body, bool Force = false)
{
    public static Patch Merge(JsonNode body) => new(PatchType.Merge, Text(body));

    public static Patch Json(JsonArray operations) => new(PatchType.Json, Text(operations));

    public static Patch Strategic(JsonNode body) => new(PatchType.StrategicMerge, Text(body));

    /// <summary>Server-side apply; <paramref name="force"/> takes over fields another manager owns.</summary>
    public static Patch Apply(JsonNode body, bool force = true) => new(PatchType.Apply, Text(body), force);

    public string ContentType => Type switch
    {
        PatchType.Json => "application/json-patch+json",
        PatchType.Merge => "application/merge-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        _ => "application/apply-patch+yaml",
    };

    private static string Text(JsonNode body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body.ToJsonString();
    }
}
