using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Controller.Analysis;
using CanaryFlow.Controller.Caching;
using CanaryFlow.Controller.Git;
using CanaryFlow.Controller.Routing;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Events;
using CanaryFlow.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Rollouts;

/// <summary>
/// Carries out a decision against the API server: the actions in order, then the status (once, only when it changed,
/// guarded by the resourceVersion it was decided from), then the Events. A failure stops the sequence; the next
/// reconcile decides again from what then exists, so every action is safe to repeat.
/// </summary>
public sealed partial class RolloutActuator
{
    private readonly ResourceClient<Rollout> _rollouts;
    private readonly ResourceClient<ReplicaSet> _replicaSets;
    private readonly ResourceClient<Service> _services;
    private readonly ResourceClient<Pod> _pods;
    private readonly TrafficRouterSet _routers;
    private readonly IAnalysisRunner _analysis;
    private readonly IEventRecorder _events;
    private readonly RecentWrites<Rollout> _recent;
    private readonly ILogger<RolloutActuator> _logger;
    private readonly IGitWork? _git;

    public RolloutActuator(RolloutClients clients, TrafficRouterSet routers, IAnalysisRunner analysis, IEventRecorder events, RecentWrites<Rollout> recent, ILogger<RolloutActuator> logger, IGitWork? git = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _rollouts = clients.Rollouts;
        _replicaSets = clients.ReplicaSets;
        _services = clients.Services;
        _pods = clients.Pods;
        _routers = routers;
        _analysis = analysis;
        _events = events;
        _recent = recent;
        _logger = logger;
        _git = git;
    }

    /// <summary>Applies the decision; returns the number of API writes it made.</summary>
    public async Task<int> ApplyAsync(Rollout rollout, RolloutDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(decision);
        var writes = 0;
        foreach (var action in decision.Actions)
        {
            if (action is ResolveGitRevision or RevertInGit)
            {
                continue;
            }

            await ApplyAsync(rollout, action, cancellationToken).ConfigureAwait(false);
            writes++;
        }

        if (await WriteStatusAsync(rollout, decision.Status, cancellationToken).ConfigureAwait(false))
        {
            writes++;
        }

        // Git work is handed off once traffic is where the decision wants it and the status (the abort, status.git.rejected)
        // is written: the Git side checks a fresh copy against what it is asked to do.
        foreach (var action in decision.Actions.Where(a => a is ResolveGitRevision or RevertInGit))
        {
            _git?.Submit(rollout, action);
        }

        // After the status write: a reconcile that fails before it decides again, and would repeat the Events.
        foreach (var e in decision.Events)
        {
            _events.Record(rollout, e.Type, e.Reason, ActionOf(e.Reason), e.Message);
        }

        return writes;
    }

    private async Task ApplyAsync(Rollout rollout, RolloutAction action, CancellationToken cancellationToken)
    {
        var ns = rollout.Metadata.Namespace;
        switch (action)
        {
            case CreateReplicaSet create:
                await CreateReplicaSetAsync(rollout, create, cancellationToken).ConfigureAwait(false);
                break;
            case ScaleReplicaSet scale:
                LogScale(_logger, ns, scale.Name, scale.Replicas);
                await _replicaSets.PatchAsync(ns, scale.Name, Patch.Merge(ScalePatch(scale)), cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case DeleteReplicaSet delete:
                LogDelete(_logger, ns, delete.Name);
                await DeleteIgnoringMissingAsync(_replicaSets, ns, delete.Name, new DeleteOptions { PropagationPolicy = "Background" }, cancellationToken).ConfigureAwait(false);
                break;
            case SelectReplicaSet select:
                LogSelect(_logger, ns, select.Service, select.Hash);
                await _services.PatchAsync(ns, select.Service, Patch.Merge(SelectorPatch(rollout, select.Hash)), cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case SetTrafficWeight weight when _routers.For(rollout) is { } router:
                LogWeight(_logger, ns, rollout.Metadata.Name, weight.CanaryWeight);
                await router.SetWeightAsync(rollout, weight.CanaryWeight, cancellationToken).ConfigureAwait(false);
                break;
            case SetTrafficWeight:
                // No router: the replica ratio is the weight, and the Services' selectors do the routing.
                break;
            case RemoveManagedRoutes when _routers.For(rollout) is { } router:
                await router.RemoveManagedRoutesAsync(rollout, cancellationToken).ConfigureAwait(false);
                break;
            case RemoveManagedRoutes:
                break;
            case StartAnalysis start:
                await _analysis.StartAsync(rollout, start, cancellationToken).ConfigureAwait(false);
                break;
            case TerminateAnalysis terminate:
                await _analysis.TerminateAsync(rollout, terminate.Name, cancellationToken).ConfigureAwait(false);
                break;
            case DeletePod pod:
                LogRestartPod(_logger, ns, pod.Name);
                await DeleteIgnoringMissingAsync(_pods, ns, pod.Name, new DeleteOptions { Preconditions = new Preconditions { Uid = pod.Uid } }, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"no way to apply {action.GetType().Name}");
        }
    }

    private async Task CreateReplicaSetAsync(Rollout rollout, CreateReplicaSet create, CancellationToken cancellationToken)
    {
        var ns = rollout.Metadata.Namespace;
        var replicaSet = ReplicaSetFactory.Create(rollout, create);
        LogCreate(_logger, ns, create.Name, create.Revision, create.Replicas);
        try
        {
            await _replicaSets.CreateAsync(replicaSet, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists)
        {
            // Our informer had not seen it yet, or someone else's ReplicaSet has the name: only the first is fine.
            var existing = await _replicaSets.GetAsync(ns, create.Name, cancellationToken).ConfigureAwait(false);
            if (existing.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == rollout.Metadata.Uid) != true)
            {
                throw new InvalidOperationException($"ReplicaSet {ns}/{create.Name} exists and is not controlled by Rollout {rollout.Metadata.Name}; rename or delete it", e);
            }
        }
    }

    /// <summary>Deleting what is already gone is done.</summary>
    private static async Task DeleteIgnoringMissingAsync<T>(ResourceClient<T> client, string? ns, string name, DeleteOptions options, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        try
        {
            await client.DeleteAsync(ns, name, options, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
        }
    }

    /// <summary>Writes the status when it differs from what was observed; true when it wrote.</summary>
    private async Task<bool> WriteStatusAsync(Rollout rollout, RolloutStatus status, CancellationToken cancellationToken)
    {
        // Conditional on the version decided from: a verb patched in meanwhile means deciding again.
        if (MergePatchBuilder.ForStatus(rollout.Status, status, CoreJsonContext.Default.RolloutStatus, rollout.Metadata.ResourceVersion) is not { } patch)
        {
            return false;
        }

        var written = await _rollouts.PatchAsync(rollout.Metadata.Namespace, rollout.Metadata.Name!, Patch.Merge(patch), "status", cancellationToken: cancellationToken).ConfigureAwait(false);
        _recent.Remember(written);
        return true;
    }

    internal static JsonObject ScalePatch(ScaleReplicaSet scale) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["annotations"] = new JsonObject
            {
                [RolloutObserver.ScaleDownDeadlineAnnotation] = scale.ScaleDownDeadline is { } deadline
                    ? deadline.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                    : null,
            },
        },
        ["spec"] = new JsonObject { ["replicas"] = scale.Replicas },
    };

    internal static JsonObject SelectorPatch(Rollout rollout, string hash) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["annotations"] = new JsonObject { [RolloutApi.ManagedByAnnotation] = rollout.Metadata.Name },
        },
        ["spec"] = new JsonObject
        {
            ["selector"] = new JsonObject { [RolloutApi.PodTemplateHashLabel] = hash },
        },
    };

    /// <summary>The Event's action: what the controller did, derived from its reason.</summary>
    private static string ActionOf(string reason) => reason.StartsWith("Rollout", StringComparison.Ordinal) ? reason["Rollout".Length..] : reason;

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating ReplicaSet {Namespace}/{Name} (revision {Revision}, {Replicas} replicas)")]
    private static partial void LogCreate(ILogger logger, string? @namespace, string name, int revision, int replicas);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scaling ReplicaSet {Namespace}/{Name} to {Replicas}")]
    private static partial void LogScale(ILogger logger, string? @namespace, string name, int replicas);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleting old ReplicaSet {Namespace}/{Name}")]
    private static partial void LogDelete(ILogger logger, string? @namespace, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pointing Service {Namespace}/{Service} at pod template hash {Hash}")]
    private static partial void LogSelect(ILogger logger, string? @namespace, string service, string hash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Routing {CanaryWeight}% of Rollout {Namespace}/{Name}'s traffic to the canary")]
    private static partial void LogWeight(ILogger logger, string? @namespace, string? name, int canaryWeight);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restarting pod {Namespace}/{Name}")]
    private static partial void LogRestartPod(ILogger logger, string? @namespace, string name);
}
