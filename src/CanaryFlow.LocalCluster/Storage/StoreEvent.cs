namespace CanaryFlow.LocalCluster.Storage;

public enum StoreEventType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>
/// A committed change. For <see cref="StoreEventType.Deleted"/> the object is the last stored state carrying
/// the deletion's resourceVersion, as the real watch cache delivers it.
/// </summary>
public sealed record StoreEvent(string StorageResource, StoreEventType Type, StoredObject Object, StoredObject? Previous)
{
    public long ResourceVersion => Object.ResourceVersion;
}
