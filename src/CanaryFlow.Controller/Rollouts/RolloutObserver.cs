using System.Globalization;
using CanaryFlow.Controller.Analysis;
using CanaryFlow.Controller.Caching;
using CanaryFlow.Controller.Routing;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Informers;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Controller.Rollouts;

/// <summary>Assembles what Core decides from, out of the informer caches (no API calls), the traffic router's state included.</summary>
public sealed class RolloutObserver
{
    public const string ScaleDownDeadlineAnnotation = "rollout.canaryflow.io/scale-down-deadline";

    private readonly ObjectCache<Rollout> _rollouts;
    private readonly ObjectCache<ReplicaSet> _replicaSets;
    private readonly ObjectCache<Service> _services;
    private readonly IAnalysisRunner _analysis;
    private readonly RecentWrites<Rollout> _recent;
    private readonly TrafficRouterSet _routers;

    public RolloutObserver(ObjectCache<Rollout> rollouts, ObjectCache<ReplicaSet> replicaSets, ObjectCache<Service> services, IAnalysisRunner analysis, RecentWrites<Rollout> recent, TrafficRouterSet routers)
    {
        _routers = routers;
        _rollouts = rollouts;
        _replicaSets = replicaSets;
        _services = services;
        _analysis = analysis;
        _recent = recent;
    }

    public ObservedRollout? Observe(string ns, string name)
    {
        var cached = _rollouts.Get(ns, name);
        if (cached is null)
        {
            _recent.Forget(ns, name);
            return null;
        }

        var rollout = _recent.Newest(cached);
        var canary = rollout.Spec?.Strategy?.Canary;
        return new ObservedRollout
        {
            Rollout = rollout,
            ReplicaSets = _replicaSets.ByOwner(rollout.Metadata.Uid ?? "")
                .Where(rs => rs.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == rollout.Metadata.Uid) == true)
                .Select(Observe)
                .OfType<ObservedReplicaSet>()
                .ToList(),
            StableService = Service(ns, canary?.StableService),
            CanaryService = Service(ns, canary?.CanaryService),
            TrafficRouter = _routers.For(rollout)?.Observe(rollout),
            Analyses = _analysis.Observe(rollout),
        };
    }

    private ObservedService? Service(string ns, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var service = _services.Get(ns, name);
        return service is null
            ? new ObservedService(name, null, Exists: false)
            : new ObservedService(name, service.Spec?.Selector?.GetValueOrDefault(RolloutApi.PodTemplateHashLabel));
    }

    private static ObservedReplicaSet? Observe(ReplicaSet rs)
    {
        var hash = rs.Metadata.Labels?.GetValueOrDefault(RolloutApi.PodTemplateHashLabel);
        if (hash is null || rs.Metadata.Name is null || rs.Metadata.DeletionTimestamp is not null)
        {
            return null;
        }

        var annotations = rs.Metadata.Annotations;
        return new ObservedReplicaSet
        {
            Name = rs.Metadata.Name,
            Hash = hash,
            Revision = int.TryParse(annotations?.GetValueOrDefault(RolloutApi.RevisionAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0,
            Replicas = rs.Spec?.Replicas ?? 1,
            ReadyReplicas = rs.Status?.ReadyReplicas ?? 0,
            AvailableReplicas = rs.Status?.AvailableReplicas ?? 0,
            CurrentReplicas = rs.Status?.Replicas ?? 0,
            StatusCurrent = (rs.Status?.ObservedGeneration ?? 0) >= (rs.Metadata.Generation ?? 0),
            CreatedAt = rs.Metadata.CreationTimestamp,
            ScaleDownDeadline = DateTimeOffset.TryParse(annotations?.GetValueOrDefault(ScaleDownDeadlineAnnotation), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var deadline) ? deadline : null,
        };
    }
}
