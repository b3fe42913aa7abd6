using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Storage;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.LocalCluster.Simulation;

/// <summary>
/// The namespace controller, simulated: a terminating namespace has everything in it deleted, then its
/// <c>kubernetes</c> finalizer is removed through /finalize and the namespace goes.
/// </summary>
internal sealed class NamespaceController : IAsyncDisposable
{
    private readonly GenericRegistry _registry;
    private readonly CoalescingTrigger _trigger;

    public NamespaceController(GenericRegistry registry, ILogger logger)
    {
        _registry = registry;
        _trigger = new CoalescingTrigger("namespace controller", _ => Task.FromResult(RunOnce()), logger);
        registry.Store.AddCommitListener(e =>
        {
            if ((e.StorageResource == BuiltInStorage.Namespaces && e.Object.IsTerminating) || (e.Type == StoreEventType.Deleted && e.Object.Namespace.Length > 0))
            {
                _trigger.Signal();
            }
        });
    }

    public bool RunOnce()
    {
        var state = _registry.Store.State;
        var changed = false;
        foreach (var ns in state.Table(BuiltInStorage.Namespaces).Enumerate(null).Where(n => n.IsTerminating).ToList())
        {
            var remaining = 0;
            foreach (var (storage, table) in state.Tables)
            {
                if (storage == BuiltInStorage.Namespaces)
                {
                    continue;
                }

                var descriptor = _registry.Resources.ForStorage(storage).FirstOrDefault(d => d.Namespaced);
                foreach (var obj in table.Enumerate(ns.Name).ToList())
                {
                    remaining++;
                    if (descriptor is null || obj.IsTerminating)
                    {
                        continue;
                    }

                    try
                    {
                        _registry.Delete(descriptor, obj.Namespace, obj.Name, DeleteOptions.Background);
                        changed = true;
                    }
                    catch (StatusException e) when (e.Code is 404 or 409)
                    {
                        // Already gone or changed: the next pass looks again.
                    }
                }
            }

            if (remaining == 0 && ns.Object["spec"]?["finalizers"] is JsonArray { Count: > 0 })
            {
                var descriptor = _registry.Resources.Find("", "v1", "namespaces")!;
                try
                {
                    _registry.FinalizeNamespace(descriptor, ns.Name, new JsonObject { ["spec"] = new JsonObject() }, WriteOptions.Internal);
                    changed = true;
                }
                catch (StatusException e) when (e.Code is 404 or 409)
                {
                    // The namespace went meanwhile.
                }
            }
        }

        return changed;
    }

    public ValueTask DisposeAsync() => _trigger.DisposeAsync();
}
