namespace CanaryFlow.Kubernetes.Informers;

/// <summary>
/// Told about every change the informer applies to its cache, in order, on the informer's own thread: keep it quick
/// (typically: put a key on a work queue). Exceptions are logged and do not stop the informer.
/// </summary>
public interface IInformerHandler<in T>
{
    void OnAdded(T obj);

    void OnUpdated(T oldObj, T newObj);

    /// <summary>The object's last known state (after a relist, the state the cache had).</summary>
    void OnDeleted(T obj);
}
