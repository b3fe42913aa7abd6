using System.Text.Json;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>
/// One line of a watch stream, with the object left raw: an <c>ERROR</c> event carries a <see cref="Status"/>
/// instead of the watched kind, so the reader looks at <see cref="Type"/> before choosing what to deserialize.
/// </summary>
public sealed record WatchEvent : KubernetesRecord
{
    public string? Type { get; init; }

    public JsonElement Object { get; init; }
}

/// <summary>The values of <see cref="WatchEvent.Type"/>.</summary>
public static class WatchEventType
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
    public const string Bookmark = "BOOKMARK";
    public const string Error = "ERROR";
}
