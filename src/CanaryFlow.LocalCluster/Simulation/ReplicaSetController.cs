using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using CanaryFlow.Kubernetes.Labels;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Storage;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.LocalCluster.Simulation;

/// <summary>
/// The ReplicaSet controller, simulated: keeps as many pods as spec.replicas (named, labelled and owned as the
/// real controller does them), scales down not-ready and newest pods first, and reports replicas, ready and
/// available counts and observedGeneration in status.
/// </summary>
internal sealed partial class ReplicaSetController : IAsyncDisposable
{
    public const string NodeName = "localcluster-node";
    private readonly GenericRegistry _registry;
    private readonly OwnerIndex _index;
    private readonly ILogger _logger;
    private readonly Channel<ObjectKey> _queue = Channel.CreateUnbounded<ObjectKey>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<ObjectKey> _pending = [];
    private readonly Lock _pendingLock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _worker;

    public ReplicaSetController(GenericRegistry registry, OwnerIndex index, ILogger logger)
    {
        _registry = registry;
        _index = index;
        _logger = logger;
        registry.Store.AddCommitListener(OnCommitted);
        _worker = Task.Run(WorkAsync);
    }

    private ResourceDescriptor ReplicaSets => _registry.Resources.Find("apps", "v1", "replicasets")!;
    private ResourceDescriptor Pods => _registry.Resources.Find("", "v1", "pods")!;

    private void OnCommitted(StoreEvent e)
    {
        if (e.StorageResource == BuiltInStorage.ReplicaSets)
        {
            Enqueue(new ObjectKey(e.Object.Namespace, e.Object.Name));
        }
        else if (e.StorageResource == BuiltInStorage.Pods && ControllerOf(e.Object.Object) is { } owner)
        {
            Enqueue(new ObjectKey(e.Object.Namespace, owner));
        }
    }

    private void Enqueue(ObjectKey key)
    {
        lock (_pendingLock)
        {
            if (!_pending.Add(key))
            {
                return;
            }
        }

        _queue.Writer.TryWrite(key);
    }

    private async Task WorkAsync()
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var key))
                {
                    lock (_pendingLock)
                    {
                        _pending.Remove(key);
                    }

                    try
                    {
                        Reconcile(key);
                    }
                    catch (StatusException e) when (e.Code is 404 or 409)
                    {
                        // The objects moved on; their own events queue the key again.
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        LogReconcileFailed(_logger, e, key.ToString());
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private void Reconcile(ObjectKey key)
    {
        var state = _registry.Store.State;
        var rs = state.Table(BuiltInStorage.ReplicaSets).Get(key);
        if (rs is null || rs.IsTerminating)
        {
            return;
        }

        var spec = rs.Object.GetObject("spec") ?? [];
        var desired = spec.GetLong("replicas") ?? 1;
        var podTable = state.Table(BuiltInStorage.Pods);
        var pods = _index.DependentsOf(rs.Uid ?? "")
            .Where(l => l.Storage == BuiltInStorage.Pods)
            .Select(l => podTable.Get(l.Key))
            .OfType<StoredObject>()
            .Where(p => OwnerIndex.OwnerReferences(p).Any(r => r.GetBool("controller") == true && r.GetString("uid") == rs.Uid))
            .ToList();
        var active = pods.Where(p => !p.IsTerminating).ToList();
        if (active.Count < desired)
        {
            for (var i = active.Count; i < desired; i++)
            {
                _registry.Create(Pods, key.Namespace, NewPod(rs), WriteOptions.Internal);
            }
        }
        else if (active.Count > desired)
        {
            foreach (var pod in active.OrderBy(IsReady).ThenByDescending(p => p.ResourceVersion).Take((int)(active.Count - desired)))
            {
                _registry.Delete(Pods, pod.Namespace, pod.Name, new DeleteOptions { PreconditionUid = pod.Uid });
            }

            active = active.OrderBy(IsReady).ThenByDescending(p => p.ResourceVersion).Skip((int)(active.Count - desired)).ToList();
        }

        var ready = active.Count(IsReady);
        var status = new JsonObject
        {
            ["replicas"] = active.Count,
            ["fullyLabeledReplicas"] = active.Count,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = ready,
            ["observedGeneration"] = rs.Object.MetadataOrNull()?.GetLong("generation") ?? 1,
        };
        var patch = new JsonObject { ["status"] = status };
        _registry.Patch(ReplicaSets, key.Namespace, key.Name, PatchKind.Merge, patch.ToJsonString(), WriteOptions.Internal, statusSubresource: true);
    }

    private static bool IsReady(StoredObject pod) =>
        pod.Object["status"]?["conditions"] is JsonArray conditions &&
        conditions.OfType<JsonObject>().Any(c => c.GetString("type") == "Ready" && c.GetString("status") == "True");

    private static JsonObject NewPod(StoredObject rs)
    {
        var template = rs.Object["spec"]?["template"] as JsonObject ?? [];
        var templateMeta = template.GetObject("metadata") ?? [];
        var metadata = new JsonObject
        {
            ["generateName"] = rs.Name + "-",
            ["namespace"] = rs.Namespace,
        };
        if (templateMeta["labels"] is { } labels)
        {
            metadata["labels"] = labels.DeepClone();
        }

        if (templateMeta["annotations"] is { } annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }

        metadata["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["name"] = rs.Name,
            ["uid"] = rs.Uid,
            ["controller"] = true,
            ["blockOwnerDeletion"] = true,
        });
        var spec = template["spec"]?.DeepClone() as JsonObject ?? [];
        spec["nodeName"] = NodeName;
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = metadata, ["spec"] = spec };
    }

    private static string? ControllerOf(JsonObject pod) =>
        pod.MetadataOrNull()?.GetArray("ownerReferences")?.OfType<JsonObject>()
            .FirstOrDefault(r => r.GetBool("controller") == true && r.GetString("kind") == "ReplicaSet")?.GetString("name");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The simulated ReplicaSet controller failed on {Key}")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, string key);
}
