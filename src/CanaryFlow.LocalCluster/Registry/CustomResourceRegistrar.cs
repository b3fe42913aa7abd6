using CanaryFlow.LocalCluster.Storage;

namespace CanaryFlow.LocalCluster.Registry;

/// <summary>
/// Serves a CRD's resource as soon as the CRD is written (inside the same commit, so the next request finds it)
/// and, when the CRD goes, stops serving it and deletes its objects, as the apiextensions finalizer does.
/// </summary>
internal sealed class CustomResourceRegistrar
{
    private readonly ResourceRegistry _resources;
    private readonly ObjectStore _store;

    public CustomResourceRegistrar(ResourceRegistry resources, ObjectStore store)
    {
        _resources = resources;
        _store = store;
        store.AddCommitListener(OnCommitted);
    }

    private void OnCommitted(StoreEvent e)
    {
        if (e.StorageResource != BuiltInStorage.CustomResourceDefinitions)
        {
            return;
        }

        var storageKey = CustomResourceDescriptors.StorageKey(e.Object.Object);
        if (e.Type == StoreEventType.Deleted)
        {
            _resources.ReplaceStorage(storageKey, []);
            _ = Task.Run(() => DeleteInstances(storageKey));
            return;
        }

        _resources.ReplaceStorage(storageKey, CustomResourceDescriptors.FromDefinition(e.Object.Object));
    }

    private void DeleteInstances(string storageKey) => _store.Write(tx =>
    {
        foreach (var obj in tx.Table(storageKey).Enumerate(null).ToList())
        {
            tx.Delete(storageKey, new ObjectKey(obj.Namespace, obj.Name));
        }
    });
}
