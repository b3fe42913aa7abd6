using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Storage;

public enum WatchMessageType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
    Error,
}

/// <summary>What a watcher delivers: an object event, a bookmark (revision only) or an in-stream error Status.</summary>
public sealed record WatchMessage(WatchMessageType Type, StoredObject? Object, long ResourceVersion, JsonObject? Status = null, bool InitialEventsEnd = false);
