using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Storage;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.LocalCluster.Simulation;

/// <summary>
/// A kubelet, simulated: a new pod starts at once (Running, containers not ready yet), becomes Ready after the
/// configured delay unless its template says never-ready, and a gracefully deleted pod is removed shortly after.
/// </summary>
internal sealed partial class KubeletSimulator : IAsyncDisposable
{
    private readonly GenericRegistry _registry;
    private readonly LocalClusterOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);
    private readonly HashSet<string> _terminating = new(StringComparer.Ordinal);
    private readonly List<Task> _timers = [];
    private int _nextAddress = 2;

    public KubeletSimulator(GenericRegistry registry, LocalClusterOptions options, ILogger logger)
    {
        _registry = registry;
        _options = options;
        _logger = logger;
        registry.Store.AddCommitListener(OnCommitted);
    }

    private ResourceDescriptor Pods => _registry.Resources.Find("", "v1", "pods")!;

    private void OnCommitted(StoreEvent e)
    {
        if (e.StorageResource != BuiltInStorage.Pods || e.Type == StoreEventType.Deleted)
        {
            return;
        }

        var pod = e.Object;
        var uid = pod.Uid ?? "";
        if (pod.Object["spec"]?["nodeName"] is null)
        {
            return;
        }

        lock (_lock)
        {
            if (pod.IsTerminating)
            {
                if (_terminating.Add(uid))
                {
                    var grace = TimeSpan.FromSeconds(pod.Object.MetadataOrNull()?.GetLong("deletionGracePeriodSeconds") ?? 0);
                    Schedule(grace < _options.PodTerminationDelay ? grace : _options.PodTerminationDelay, () => Remove(pod));
                }

                return;
            }

            if (e.Type == StoreEventType.Added && _started.Add(uid))
            {
                var address = $"10.244.{(_nextAddress >> 8) & 0xff}.{_nextAddress & 0xff}";
                _nextAddress = _nextAddress >= 0xfffe ? 2 : _nextAddress + 1;
                Schedule(TimeSpan.Zero, () => SetStatus(pod, address, ready: false));
                var annotations = pod.Object.MetadataOrNull()?.GetObject("annotations");
                if (annotations?.GetString(WorkloadAnnotations.NeverReady) != "true")
                {
                    var delay = WorkloadAnnotations.ParseDuration(annotations?.GetString(WorkloadAnnotations.ReadyAfter)) ?? _options.PodReadinessDelay;
                    Schedule(delay, () => SetStatus(pod, address, ready: true));
                }
            }
        }
    }

    private void Schedule(TimeSpan delay, Action action)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _options.Clock, _stop.Token).ConfigureAwait(false);
                }

                action();
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
            catch (StatusException e) when (e.Code is 404 or 409)
            {
                // The pod is gone or changed; nothing to do.
            }
            catch (Exception e)
            {
                LogFailed(_logger, e);
            }
        });
        _timers.RemoveAll(t => t.IsCompleted);
        _timers.Add(task);
    }

    private void SetStatus(StoredObject pod, string address, bool ready)
    {
        var current = _registry.Store.State.Table(BuiltInStorage.Pods).Get(new ObjectKey(pod.Namespace, pod.Name));
        if (current is null || current.Uid != pod.Uid || current.IsTerminating)
        {
            return;
        }

        // The two timers of a new pod race under load: "started" must not land after "Ready" and undo it. It is
        // skipped once the pod is Ready, and written only over the version read here (a 409 means Ready won).
        if (!ready && IsReady(current))
        {
            return;
        }

        var now = KubernetesTime.Format(_options.Clock.GetUtcNow());
        var containers = (current.Object["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var startedAt = current.Object["status"]?["startTime"]?.GetValue<string>() ?? now;
        var readyText = ready ? "True" : "False";
        JsonObject Condition(string type, string status, string? reason = null)
        {
            var condition = new JsonObject { ["type"] = type, ["status"] = status, ["lastProbeTime"] = null, ["lastTransitionTime"] = now };
            if (reason is not null)
            {
                condition["reason"] = reason;
                condition["message"] = $"containers with unready status: [{string.Join(" ", containers.Select(c => c.GetString("name")))}]";
            }

            return condition;
        }

        var status = new JsonObject
        {
            ["phase"] = "Running",
            ["conditions"] = new JsonArray(
                Condition("PodReadyToStartContainers", "True"),
                Condition("Initialized", "True"),
                Condition("Ready", readyText, ready ? null : "ContainersNotReady"),
                Condition("ContainersReady", readyText, ready ? null : "ContainersNotReady"),
                Condition("PodScheduled", "True")),
            ["hostIP"] = "10.0.0.1",
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = "10.0.0.1" }),
            ["podIP"] = address,
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = address }),
            ["startTime"] = startedAt,
            ["containerStatuses"] = new JsonArray(containers.Select(c => (JsonNode?)new JsonObject
            {
                ["name"] = c.GetString("name"),
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = startedAt } },
                ["ready"] = ready,
                ["restartCount"] = 0,
                ["image"] = c.GetString("image"),
                ["imageID"] = "",
                ["containerID"] = "localcluster://" + pod.Uid + "/" + c.GetString("name"),
                ["started"] = true,
            }).ToArray()),
            ["qosClass"] = "BestEffort",
        };
        var patch = new JsonObject { ["status"] = status };
        if (!ready)
        {
            patch["metadata"] = new JsonObject { ["resourceVersion"] = current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        _registry.Patch(Pods, pod.Namespace, pod.Name, PatchKind.Merge, patch.ToJsonString(), WriteOptions.Internal, statusSubresource: true);
    }

    private static bool IsReady(StoredObject pod) =>
        (pod.Object["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().Any(c => c.GetString("type") == "Ready" && c.GetString("status") == "True") == true;

    private void Remove(StoredObject pod)
    {
        _registry.Delete(Pods, pod.Namespace, pod.Name, new DeleteOptions { GracePeriodSeconds = 0, PreconditionUid = pod.Uid });
        lock (_lock)
        {
            _started.Remove(pod.Uid ?? "");
            _terminating.Remove(pod.Uid ?? "");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Task[] timers;
        lock (_lock)
        {
            timers = [.. _timers];
        }

        await Task.WhenAll(timers).ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The simulated kubelet failed to update a pod")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
