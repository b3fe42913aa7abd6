using System.Diagnostics;
using CanaryFlow.Controller.Queue;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Rollouts;

/// <summary>
/// One reconcile of one Rollout: observe (caches), decide (Core, pure), act (API). Holds no state between
/// reconciles beyond the last written copy of the Rollout, so a restarted controller continues from the status alone.
/// </summary>
public sealed partial class RolloutReconciler
{
    private readonly RolloutObserver _observer;
    private readonly RolloutActuator _actuator;
    private readonly ResourceClient<Pod> _pods;
    private readonly TimeProvider _clock;
    private readonly ILogger<RolloutReconciler> _logger;
    private long _writes;

    public RolloutReconciler(RolloutObserver observer, RolloutActuator actuator, RolloutClients clients, TimeProvider clock, ILogger<RolloutReconciler> logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _observer = observer;
        _actuator = actuator;
        _pods = clients.Pods;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>API writes made by all reconciles so far (actions and status patches).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public async Task<ReconcileResult> ReconcileAsync(RolloutKey key, CancellationToken cancellationToken)
    {
        var observed = _observer.Observe(key.Namespace, key.Name);
        if (observed is null)
        {
            return ReconcileResult.Done;
        }

        var now = _clock.GetUtcNow();
        if (RolloutRestart.Pending(observed.Rollout, now))
        {
            observed = observed with { Pods = await ListStablePodsAsync(observed, cancellationToken).ConfigureAwait(false) };
        }

        var decision = RolloutDecider.Decide(observed, now);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var writes = await _actuator.ApplyAsync(observed.Rollout, decision, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _writes, writes);
            if (writes > 0)
            {
                LogApplied(_logger, key.Namespace, key.Name, decision.Status.Phase, decision.Actions.Count, writes, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
            // Someone (a verb, Git sync) changed the Rollout since we observed it: decide again from the new copy.
            LogConflict(_logger, key.Namespace, key.Name);
            return ReconcileResult.RequeueAfter(TimeSpan.Zero);
        }

        return decision.RequeueAt is { } at ? ReconcileResult.RequeueAt(at) : ReconcileResult.Done;
    }

    /// <summary>Pods are read from the API only while a restart is pending; the controller does not cache pods.</summary>
    private async Task<IReadOnlyList<ObservedPod>> ListStablePodsAsync(ObservedRollout observed, CancellationToken cancellationToken)
    {
        var stable = observed.Rollout.Status?.StableRs;
        if (stable is null)
        {
            return [];
        }

        var list = await _pods.ListAllAsync(observed.Rollout.Metadata.Namespace, new ListOptions { LabelSelector = RolloutApi.PodTemplateHashLabel + "=" + stable }, cancellationToken).ConfigureAwait(false);
        return list.Items
            .Where(p => p.Metadata.OwnerReferences?.Any(o => observed.ReplicaSets.Any(r => r.Name == o.Name && r.Hash == stable)) == true)
            .Select(p => new ObservedPod(
                p.Metadata.Name ?? "",
                p.Metadata.Uid ?? "",
                stable,
                p.Metadata.CreationTimestamp,
                p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true,
                p.Metadata.DeletionTimestamp is not null))
            .ToList();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconciled Rollout {Namespace}/{Name}: phase {Phase}, {Actions} actions, {Writes} writes in {ElapsedMs:0.0} ms")]
    private static partial void LogApplied(ILogger logger, string @namespace, string name, string? phase, int actions, int writes, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rollout {Namespace}/{Name} changed while reconciling; deciding again")]
    private static partial void LogConflict(ILogger logger, string @namespace, string name);
}
