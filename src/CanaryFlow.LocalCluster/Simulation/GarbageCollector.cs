using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Storage;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.LocalCluster.Simulation;

/// <summary>
/// The garbage collector of kube-controller-manager, simulated: dependents whose owners (matched by uid) are
/// all gone are deleted in the background; a foreground deletion deletes the dependents first and then lets the
/// owner go; an orphaning deletion strips the owner reference and lets the owner go.
/// </summary>
internal sealed class GarbageCollector : IAsyncDisposable
{
    private readonly GenericRegistry _registry;
    private readonly CoalescingTrigger _trigger;

    public GarbageCollector(GenericRegistry registry, ILogger logger)
    {
        _registry = registry;
        _trigger = new CoalescingTrigger("garbage collector", _ => Task.FromResult(CollectOnce()), logger);
        registry.Store.AddCommitListener(e =>
        {
            if (e.Type == StoreEventType.Deleted || e.Object.IsTerminating || e.Object.Object.MetadataOrNull()?["ownerReferences"] is not null)
            {
                _trigger.Signal();
            }
        });
    }

    /// <summary>One pass over the whole store; returns whether anything was changed.</summary>
    public bool CollectOnce()
    {
        var state = _registry.Store.State;
        var byUid = new Dictionary<string, (string Storage, StoredObject Object)>(StringComparer.Ordinal);
        foreach (var (storage, table) in state.Tables)
        {
            foreach (var obj in table.Enumerate(null))
            {
                if (obj.Uid is { } uid)
                {
                    byUid[uid] = (storage, obj);
                }
            }
        }

        var changed = false;
        var dependentsOf = new Dictionary<string, List<(string Storage, StoredObject Object, bool Blocking)>>(StringComparer.Ordinal);
        foreach (var (storage, dependent) in byUid.Values)
        {
            var references = dependent.Object.MetadataOrNull()?.GetArray("ownerReferences")?.OfType<JsonObject>().ToList();
            if (references is not { Count: > 0 })
            {
                continue;
            }

            var anyOwnerPresent = false;
            foreach (var reference in references)
            {
                var uid = reference.GetString("uid") ?? "";
                if (!byUid.TryGetValue(uid, out var owner) || !ValidScope(dependent, owner.Object))
                {
                    continue;
                }

                anyOwnerPresent = true;
                if (!dependentsOf.TryGetValue(uid, out var list))
                {
                    list = [];
                    dependentsOf[uid] = list;
                }

                list.Add((storage, dependent, reference.GetBool("blockOwnerDeletion") == true));
                var ownerFinalizers = owner.Object.Object.Finalizers();
                if (!owner.Object.IsTerminating)
                {
                    continue;
                }

                if (ownerFinalizers.Contains(GenericRegistry.ForegroundFinalizer) && !dependent.IsTerminating)
                {
                    changed |= Delete(storage, dependent, "Foreground");
                }
                else if (ownerFinalizers.Contains(GenericRegistry.OrphanFinalizer))
                {
                    changed |= RemoveOwnerReference(storage, dependent, uid);
                }
            }

            if (!anyOwnerPresent && !dependent.IsTerminating)
            {
                changed |= Delete(storage, dependent, "Background");
            }
        }

        foreach (var (storage, owner) in byUid.Values)
        {
            if (!owner.IsTerminating)
            {
                continue;
            }

            var finalizers = owner.Object.Finalizers();
            var dependents = dependentsOf.GetValueOrDefault(owner.Uid!) ?? [];
            if (finalizers.Contains(GenericRegistry.ForegroundFinalizer) && !dependents.Any(d => d.Blocking))
            {
                changed |= RemoveFinalizer(storage, owner, GenericRegistry.ForegroundFinalizer);
            }
            else if (finalizers.Contains(GenericRegistry.OrphanFinalizer) && dependents.Count == 0)
            {
                changed |= RemoveFinalizer(storage, owner, GenericRegistry.OrphanFinalizer);
            }
        }

        return changed;
    }

    /// <summary>A cluster-scoped dependent cannot have a namespaced owner; a namespaced one only an owner in its namespace.</summary>
    private static bool ValidScope(StoredObject dependent, StoredObject owner) =>
        owner.Namespace.Length == 0 || owner.Namespace == dependent.Namespace;

    private bool Delete(string storage, StoredObject obj, string policy) => Attempt(storage, d =>
        _registry.Delete(d, obj.Namespace, obj.Name, new DeleteOptions { PropagationPolicy = policy, PreconditionUid = obj.Uid }));

    private bool RemoveOwnerReference(string storage, StoredObject obj, string ownerUid) => Attempt(storage, d =>
    {
        var references = obj.Object.MetadataOrNull()?.GetArray("ownerReferences")?.OfType<JsonObject>()
            .Where(r => r.GetString("uid") != ownerUid).Select(r => (JsonNode?)r.DeepClone()).ToArray() ?? [];
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["ownerReferences"] = references.Length == 0 ? null : new JsonArray(references),
                ["uid"] = obj.Uid,
            },
        };
        _registry.Patch(d, obj.Namespace, obj.Name, PatchKind.Merge, patch.ToJsonString(), WriteOptions.Internal, statusSubresource: false);
    });

    private bool RemoveFinalizer(string storage, StoredObject obj, string finalizer) => Attempt(storage, d =>
    {
        var remaining = obj.Object.Finalizers().Where(f => f != finalizer).Select(f => (JsonNode?)f).ToArray();
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["finalizers"] = remaining.Length == 0 ? null : new JsonArray(remaining),
                ["resourceVersion"] = obj.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        _registry.Patch(d, obj.Namespace, obj.Name, PatchKind.Merge, patch.ToJsonString(), WriteOptions.Internal, statusSubresource: false);
    });

    /// <summary>Runs a write; conflicts and vanished objects are normal here (the next pass sees the new state).</summary>
    private bool Attempt(string storage, Action<ResourceDescriptor> write)
    {
        var descriptor = _registry.Resources.ForStorage(storage).FirstOrDefault();
        if (descriptor is null)
        {
            return false;
        }

        try
        {
            write(descriptor);
            return true;
        }
        catch (StatusException e) when (e.Code is 404 or 409 or 422)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _trigger.DisposeAsync();
}
