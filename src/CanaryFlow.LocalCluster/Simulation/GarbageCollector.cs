using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Storage;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.LocalCluster.Simulation;

/// <summary>
/// The garbage collector of kube-controller-manager, simulated: dependents whose owners (matched by uid) are
/// all gone are deleted in the background; a foreground deletion deletes the dependents first and then lets the
/// owner go; an orphaning deletion strips the owner reference and lets the owner go. It works from the changes
/// (through <see cref="OwnerIndex"/>), never by scanning the store.
/// </summary>
internal sealed partial class GarbageCollector : IAsyncDisposable
{
    private readonly GenericRegistry _registry;
    private readonly OwnerIndex _index;
    private readonly ILogger _logger;
    private readonly Channel<WorkItem> _queue = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;

    /// <summary>Either a dependent to check against its owners, or an owner uid whose dependents or finalizers to check.</summary>
    private readonly record struct WorkItem(ObjectLocation? Dependent, string? OwnerUid);

    public GarbageCollector(GenericRegistry registry, OwnerIndex index, ILogger logger)
    {
        _registry = registry;
        _index = index;
        _logger = logger;
        registry.Store.AddCommitListener(OnCommitted);
        _worker = Task.Run(WorkAsync);
    }

    private void OnCommitted(StoreEvent e)
    {
        var obj = e.Object;
        var owners = OwnerIndex.OwnerReferences(obj);
        if (e.Type == StoreEventType.Deleted)
        {
            // Its dependents may be orphans now; an owner waiting in foreground deletion may be free to go.
            if (obj.Uid is { } uid)
            {
                _queue.Writer.TryWrite(new WorkItem(null, uid));
            }

            foreach (var owner in owners)
            {
                _queue.Writer.TryWrite(new WorkItem(null, owner.GetString("uid")));
            }

            return;
        }

        if (obj.IsTerminating && obj.Object.Finalizers() is var finalizers &&
            (finalizers.Contains(GenericRegistry.ForegroundFinalizer) || finalizers.Contains(GenericRegistry.OrphanFinalizer)))
        {
            _queue.Writer.TryWrite(new WorkItem(null, obj.Uid));
        }

        if (owners.Count > 0 && !obj.IsTerminating)
        {
            _queue.Writer.TryWrite(new WorkItem(new ObjectLocation(e.StorageResource, new ObjectKey(obj.Namespace, obj.Name)), null));
        }
    }

    private async Task WorkAsync()
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var item))
                {
                    try
                    {
                        if (item.Dependent is { } dependent)
                        {
                            CheckDependent(dependent);
                        }
                        else if (item.OwnerUid is { } uid)
                        {
                            CheckOwner(uid);
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogFailed(_logger, e);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void CheckOwner(string uid)
    {
        foreach (var dependent in _index.DependentsOf(uid))
        {
            CheckDependent(dependent);
        }

        if (_index.Locate(uid) is not { } location || Get(location) is not { IsTerminating: true } owner)
        {
            return;
        }

        var finalizers = owner.Object.Finalizers();
        var dependents = _index.DependentsOf(uid).Select(Get).OfType<StoredObject>().ToList();
        if (finalizers.Contains(GenericRegistry.ForegroundFinalizer) &&
            !dependents.Any(d => OwnerIndex.OwnerReferences(d).Any(r => r.GetString("uid") == uid && r.GetBool("blockOwnerDeletion") == true)))
        {
            RemoveFinalizer(location, owner, GenericRegistry.ForegroundFinalizer);
        }
        else if (finalizers.Contains(GenericRegistry.OrphanFinalizer) && dependents.Count == 0)
        {
            RemoveFinalizer(location, owner, GenericRegistry.OrphanFinalizer);
        }
    }

    private void CheckDependent(ObjectLocation location)
    {
        if (Get(location) is not { } dependent)
        {
            return;
        }

        var anyOwnerPresent = false;
        foreach (var reference in OwnerIndex.OwnerReferences(dependent))
        {
            var uid = reference.GetString("uid") ?? "";
            if (_index.Locate(uid) is not { } ownerLocation || Get(ownerLocation) is not { } owner || !ValidScope(dependent, owner))
            {
                continue;
            }

            anyOwnerPresent = true;
            if (!owner.IsTerminating)
            {
                continue;
            }

            var finalizers = owner.Object.Finalizers();
            if (finalizers.Contains(GenericRegistry.ForegroundFinalizer) && !dependent.IsTerminating)
            {
                Delete(location, dependent, "Foreground");
            }
            else if (finalizers.Contains(GenericRegistry.OrphanFinalizer))
            {
                RemoveOwnerReference(location, dependent, uid);
            }
        }

        if (!anyOwnerPresent && !dependent.IsTerminating)
        {
            Delete(location, dependent, "Background");
        }
    }

    private StoredObject? Get(ObjectLocation location) => _registry.Store.State.Table(location.Storage).Get(location.Key);

    /// <summary>A cluster-scoped dependent cannot have a namespaced owner; a namespaced one only an owner in its namespace.</summary>
    private static bool ValidScope(StoredObject dependent, StoredObject owner) =>
        owner.Namespace.Length == 0 || owner.Namespace == dependent.Namespace;

    private void Delete(ObjectLocation location, StoredObject obj, string policy) => Attempt(location, d =>
        _registry.Delete(d, obj.Namespace, obj.Name, new DeleteOptions { PropagationPolicy = policy, PreconditionUid = obj.Uid }));

    private void RemoveOwnerReference(ObjectLocation location, StoredObject obj, string ownerUid) => Attempt(location, d =>
    {
        var references = OwnerIndex.OwnerReferences(obj).Where(r => r.GetString("uid") != ownerUid).Select(r => (JsonNode?)r.DeepClone()).ToArray();
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["ownerReferences"] = references.Length == 0 ? null : new JsonArray(references),
                ["resourceVersion"] = obj.ResourceVersion.ToString(CultureInfo.InvariantCulture),
            },
        };
        _registry.Patch(d, obj.Namespace, obj.Name, PatchKind.Merge, patch.ToJsonString(), WriteOptions.Internal, statusSubresource: false);
    });

    private void RemoveFinalizer(ObjectLocation location, StoredObject obj, string finalizer) => Attempt(location, d =>
    {
        var remaining = obj.Object.Finalizers().Where(f => f != finalizer).Select(f => (JsonNode?)f).ToArray();
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["finalizers"] = remaining.Length == 0 ? null : new JsonArray(remaining),
                ["resourceVersion"] = obj.ResourceVersion.ToString(CultureInfo.InvariantCulture),
            },
        };
        _registry.Patch(d, obj.Namespace, obj.Name, PatchKind.Merge, patch.ToJsonString(), WriteOptions.Internal, statusSubresource: false);
    });

    /// <summary>Runs a write; conflicts and vanished objects are normal here (their commits queue the next check).</summary>
    private void Attempt(ObjectLocation location, Action<ResourceDescriptor> write)
    {
        if (_registry.Resources.ForStorage(location.Storage).FirstOrDefault() is not { } descriptor)
        {
            return;
        }

        try
        {
            write(descriptor);
        }
        catch (StatusException e) when (e.Code is 404 or 409 or 422)
        {
            // The object changed or went meanwhile.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The simulated garbage collector failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
