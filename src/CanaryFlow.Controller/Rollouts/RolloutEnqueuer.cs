using CanaryFlow.Controller.Caching;
using CanaryFlow.Controller.Queue;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Informers;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Controller.Rollouts;

/// <summary>
/// Turns informer notifications into work: a Rollout's own changes, changes of the ReplicaSets it controls, of the
/// Services, HTTPRoutes and Ingresses it names or owns, and outcomes of the AnalysisRuns it owns all put the Rollout's
/// key on the queue (deduplicated there). A router object that appears brings back the Rollouts waiting for it.
/// </summary>
public sealed class RolloutEnqueuer : IInformerHandler<Rollout>, IInformerHandler<ReplicaSet>, IInformerHandler<Service>, IInformerHandler<AnalysisRun>, IInformerHandler<HttpRoute>, IInformerHandler<Ingress>
{
    private readonly WorkQueue<RolloutKey> _queue;
    private readonly ObjectCache<Rollout> _rollouts;
    private readonly RecentWrites<Rollout> _recent;

    public RolloutEnqueuer(WorkQueue<RolloutKey> queue, ObjectCache<Rollout> rollouts, RecentWrites<Rollout> recent)
    {
        _queue = queue;
        _rollouts = rollouts;
        _recent = recent;
    }

    public void OnAdded(Rollout obj) => _queue.Add(RolloutKey.Of(obj));

    public void OnUpdated(Rollout oldObj, Rollout newObj) => _queue.Add(RolloutKey.Of(newObj));

    public void OnDeleted(Rollout obj)
    {
        var key = RolloutKey.Of(obj);
        _recent.Forget(key.Namespace, key.Name);
        _queue.Add(key);
    }

    public void OnAdded(ReplicaSet obj) => EnqueueOwner(obj);

    public void OnUpdated(ReplicaSet oldObj, ReplicaSet newObj) => EnqueueOwner(newObj);

    public void OnDeleted(ReplicaSet obj) => EnqueueOwner(obj);

    public void OnAdded(AnalysisRun obj) => EnqueueOwner(obj);

    public void OnUpdated(AnalysisRun oldObj, AnalysisRun newObj)
    {
        ArgumentNullException.ThrowIfNull(oldObj);
        ArgumentNullException.ThrowIfNull(newObj);

        // A Rollout follows a run's outcome, not each measurement: only a phase or message change matters to it.
        if (oldObj.Status?.Phase != newObj.Status?.Phase || oldObj.Status?.Message != newObj.Status?.Message)
        {
            EnqueueOwner(newObj);
        }
    }

    public void OnDeleted(AnalysisRun obj) => EnqueueOwner(obj);

    public void OnAdded(Service obj) => EnqueueUsers(obj);

    public void OnUpdated(Service oldObj, Service newObj)
    {
        ArgumentNullException.ThrowIfNull(oldObj);
        ArgumentNullException.ThrowIfNull(newObj);

        // Only the selector matters to a Rollout; status and annotation changes of a Service do not.
        var before = oldObj.Spec?.Selector?.GetValueOrDefault(RolloutApi.PodTemplateHashLabel);
        var after = newObj.Spec?.Selector?.GetValueOrDefault(RolloutApi.PodTemplateHashLabel);
        if (before != after)
        {
            EnqueueUsers(newObj);
        }
    }

    public void OnDeleted(Service obj) => EnqueueUsers(obj);

    // A route's status (written by the gateway) changes rarely; every change is passed on, and an unchanged decision writes nothing.
    public void OnAdded(HttpRoute obj) => EnqueueRouteUsers(obj);

    public void OnUpdated(HttpRoute oldObj, HttpRoute newObj) => EnqueueRouteUsers(newObj);

    public void OnDeleted(HttpRoute obj) => EnqueueRouteUsers(obj);

    // An Ingress is a stable Ingress some Rollouts name, or a canary Ingress a Rollout owns.
    public void OnAdded(Ingress obj) => EnqueueIngressUsers(obj);

    public void OnUpdated(Ingress oldObj, Ingress newObj) => EnqueueIngressUsers(newObj);

    public void OnDeleted(Ingress obj) => EnqueueIngressUsers(obj);

    /// <summary>Enqueues every Rollout whose key is due for a periodic resync.</summary>
    public void EnqueueAll()
    {
        foreach (var rollout in _rollouts.List())
        {
            _queue.Add(RolloutKey.Of(rollout));
        }
    }

    private void EnqueueOwner(IKubernetesObject owned)
    {
        ArgumentNullException.ThrowIfNull(owned);
        var owner = owned.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == "Rollout" && o.ApiVersion?.StartsWith(RolloutApi.Group + "/", StringComparison.Ordinal) == true);
        if (owner?.Name is { } name)
        {
            _queue.Add(new RolloutKey(owned.Metadata.Namespace ?? "", name));
        }
    }

    /// <summary>Rollouts of any namespace whose trafficRouting.gatewayAPI names the route (its namespace defaults to the Rollout's).</summary>
    private void EnqueueRouteUsers(HttpRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        foreach (var rollout in _rollouts.List())
        {
            var gateway = rollout.Spec?.Strategy?.Canary?.TrafficRouting?.GatewayApi;
            var ns = string.IsNullOrEmpty(gateway?.Namespace) ? rollout.Metadata.Namespace : gateway.Namespace;
            if (gateway?.HttpRoute == route.Metadata.Name && ns == route.Metadata.Namespace)
            {
                _queue.Add(RolloutKey.Of(rollout));
            }
        }
    }

    private void EnqueueIngressUsers(Ingress ingress)
    {
        ArgumentNullException.ThrowIfNull(ingress);
        EnqueueOwner(ingress);
        foreach (var rollout in _rollouts.List(ingress.Metadata.Namespace ?? ""))
        {
            if (rollout.Spec?.Strategy?.Canary?.TrafficRouting?.Nginx?.StableIngress == ingress.Metadata.Name)
            {
                _queue.Add(RolloutKey.Of(rollout));
            }
        }
    }

    private void EnqueueUsers(Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var ns = service.Metadata.Namespace ?? "";
        var name = service.Metadata.Name;
        foreach (var rollout in _rollouts.List(ns))
        {
            var canary = rollout.Spec?.Strategy?.Canary;
            if (canary is not null && (canary.StableService == name || canary.CanaryService == name))
            {
                _queue.Add(RolloutKey.Of(rollout));
            }
        }
    }
}
