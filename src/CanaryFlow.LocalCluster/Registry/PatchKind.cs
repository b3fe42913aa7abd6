namespace CanaryFlow.LocalCluster.Registry;

/// <summary>The patch algorithms, selected by the request's Content-Type.</summary>
public enum PatchKind
{
    Json,
    Merge,
    Strategic,
    Apply,
}

public static class PatchMediaTypes
{
    public const string Json = "application/json-patch+json";
    public const string Merge = "application/merge-patch+json";
    public const string Strategic = "application/strategic-merge-patch+json";
    public const string Apply = "application/apply-patch+yaml";

    public static PatchKind? Parse(string? contentType) => contentType switch
    {
        Json => PatchKind.Json,
        Merge => PatchKind.Merge,
        Strategic => PatchKind.Strategic,
        Apply => PatchKind.Apply,
        _ => null,
    };

    /// <summary>What a resource accepts, in the order the real server lists them in its 415 message.</summary>
    public static IReadOnlyList<string> Accepted(bool strategicMerge) =>
        strategicMerge ? [Json, Merge, Strategic, Apply] : [Json, Merge, Apply];
}
