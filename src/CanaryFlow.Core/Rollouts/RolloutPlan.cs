using System.Globalization;
using System.Text.Json.Nodes;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Hashing;

namespace CanaryFlow.Core.Rollouts;

/// <summary>
/// The working state of one decision: the observed inputs, the status being built, the actions and the triggers
/// so far. Created, filled and thrown away within <see cref="RolloutDecider.Decide"/>; nothing survives a reconcile.
/// </summary>
internal sealed class RolloutPlan
{
    private readonly Dictionary<string, ObservedReplicaSet> _byHash;
    private bool _routerStale;

    public RolloutPlan(ObservedRollout observed, DateTimeOffset now)
    {
        Observed = observed;
        Now = now;
        Rollout = observed.Rollout;
        Spec = observed.Rollout.Spec!;
        Old = observed.Rollout.Status ?? new RolloutStatus();
        _byHash = observed.ReplicaSets.GroupBy(r => r.Hash).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Replicas = Spec.Replicas ?? 1;
        Steps = Spec.Strategy?.Canary?.Steps ?? [];
        Canary = Spec.Strategy?.Canary ?? new CanaryStrategy();
        Routed = Canary.TrafficRouting is not null;
        StableHash = Old.StableRs;
        StepIndex = Old.CurrentStepIndex ?? 0;
        StepStartedAt = Old.CurrentStepStartedAt;
        LastProgressAt = Old.LastProgressAt;
        Abort = Old.Abort == true;
        AbortedAt = Old.AbortedAt;
        AbortReason = Old.AbortReason;
        PauseConditions = [.. Old.PauseConditions ?? []];
        ControllerPause = Old.ControllerPause == true;
        PromoteFull = Old.PromoteFull == true;
        CanaryWeight = Old.Canary?.Weights?.Canary ?? 0;
        AppliedWeight = CanaryWeight;
        ObservedRouterWeight = !Routed ? null : observed.TrafficRouter is { } router ? router.CanaryWeight : AppliedWeight;
        RouterWeight = ObservedRouterWeight;
        _routerStale = Routed && observed.TrafficRouter?.Stale == true;
        StepAnalysisRun = Old.Canary?.CurrentStepAnalysisRun;
        BackgroundAnalysisRun = Old.Canary?.CurrentBackgroundAnalysisRun;
        Git = Old.Git;
        RestartedAt = Old.RestartedAt;
        Attempt = Old.Canary?.Attempt ?? 0;
        BackgroundHold = Old.Canary?.BackgroundAnalysisHold;
        Revision = Old.CurrentRevision;
    }

    public ObservedRollout Observed { get; }
    public DateTimeOffset Now { get; }
    public Rollout Rollout { get; }
    public RolloutSpec Spec { get; }
    public RolloutStatus Old { get; }
    public int Replicas { get; }
    public IReadOnlyList<CanaryStep> Steps { get; }
    public CanaryStrategy Canary { get; }
    public bool Routed { get; }

    public List<RolloutAction> Actions { get; } = [];
    /// <summary>What happened, in order: triggers of the state machine and plain Events, so Events keep that order.</summary>
    public List<(RolloutTrigger? Trigger, RolloutEvent? Event, string Message)> Occurrences { get; } = [];
    public DateTimeOffset? RequeueAt { get; private set; }

    public string CurrentHash { get; set; } = "";
    public JsonObject Template { get; set; } = [];
    public string? StableHash { get; set; }
    public int StepIndex { get; set; }
    public DateTimeOffset? StepStartedAt { get; set; }
    public DateTimeOffset? LastProgressAt { get; set; }
    public bool Abort { get; set; }
    public DateTimeOffset? AbortedAt { get; set; }
    public string? AbortReason { get; set; }
    public List<PauseCondition> PauseConditions { get; set; }
    public bool ControllerPause { get; set; }
    public bool PromoteFull { get; set; }

    /// <summary>The canary's share of traffic in percent, as set by the controller (router) or measured (replica ratio).</summary>
    public int CanaryWeight { get; set; }

    /// <summary>The weight the status says the controller set last (what a router that drifted is put back to).</summary>
    public int AppliedWeight { get; }

    /// <summary>The router's weight as observed before this decision; null when unreadable (or without a router).</summary>
    public int? ObservedRouterWeight { get; }

    /// <summary>The router's weight once the actions so far are applied.</summary>
    public int? RouterWeight { get; private set; }
    public string? StepAnalysisRun { get; set; }
    public string? BackgroundAnalysisRun { get; set; }
    public GitStatus? Git { get; set; }
    public DateTimeOffset? RestartedAt { get; set; }
    public int Attempt { get; set; }
    public string? BackgroundHold { get; set; }
    public int? Revision { get; set; }

    /// <summary>Available pods old ReplicaSets gave up in this decision (unrouted scale-downs share one budget).</summary>
    public int AvailabilityRemoved { get; set; }

    /// <summary>The stable ReplicaSet is expected (a canary is in flight) but gone: nothing may scale the canary away.</summary>
    public bool StableMissing { get; set; }

    /// <summary>The AnalysisRun name of a step (1-based) or of the background analysis, unique per attempt.</summary>
    public string AnalysisRunName(string part) => $"{RolloutName}-{CurrentHash}-{Attempt.ToString(CultureInfo.InvariantCulture)}-{part}";
    public string Message { get; set; } = "";
    public bool DeadlineExceeded { get; set; }

    /// <summary>In steady state: the stable ReplicaSet has all its pods available.</summary>
    public bool StableAvailable { get; set; }


    public string RolloutName => Rollout.Metadata.Name ?? "";

    public ObservedReplicaSet? ReplicaSet(string? hash) => hash is not null && _byHash.TryGetValue(hash, out var rs) ? rs : null;

    public IEnumerable<ObservedReplicaSet> ReplicaSets => _byHash.Values;

    public string ReplicaSetName(string hash) => RolloutName + "-" + hash;

    public void Fire(RolloutTrigger trigger, string message) => Occurrences.Add((trigger, null, message));

    /// <summary>An Event that is not a transition (traffic moved, an analysis failed, a restart finished).</summary>
    public void Note(string type, string reason, string message) => Occurrences.Add((null, new RolloutEvent(type, reason, message), message));

    public void RequeueNoLaterThan(DateTimeOffset time)
    {
        if (RequeueAt is null || time < RequeueAt)
        {
            RequeueAt = time;
        }
    }

    /// <summary>Scales a ReplicaSet when its spec differs (a decision never repeats a write that is already done).</summary>
    public void Scale(ObservedReplicaSet? rs, int replicas, DateTimeOffset? scaleDownDeadline = null)
    {
        if (rs is not null && (rs.Replicas != replicas || rs.ScaleDownDeadline != scaleDownDeadline))
        {
            Actions.Add(new ScaleReplicaSet(rs.Name, replicas, scaleDownDeadline));
        }
    }

    /// <summary>
    /// Points a Service at a hash. Within one decision the last choice wins (an earlier Select of the same Service is
    /// withdrawn), and nothing is written when the Service already selects it.
    /// </summary>
    public void Select(ObservedService? service, string hash)
    {
        if (service is not { Exists: true })
        {
            return;
        }

        Actions.RemoveAll(a => a is SelectReplicaSet s && s.Service == service.Name);
        if (service.SelectedHash != hash)
        {
            Actions.Add(new SelectReplicaSet(service.Name, hash));
        }
    }

    /// <summary>
    /// Sets the router's canary weight when the router (as observed, then as this decision's actions leave it) has another
    /// one or is stale; a router whose weight drifted from what the controller set is put back and the Event says so.
    /// </summary>
    public void Route(int weight)
    {
        if (Routed && (RouterWeight != weight || _routerStale))
        {
            _routerStale = false;
            if (RouterWeight == ObservedRouterWeight && ObservedRouterWeight != AppliedWeight && weight == CanaryWeight)
            {
                var had = ObservedRouterWeight is { } observed ? observed.ToString(CultureInfo.InvariantCulture) + "% to the canary" : "weights the controller did not set";
                Note(RolloutEvent.Normal, "TrafficWeightCorrected", $"The router had {had}; set back to {weight.ToString(CultureInfo.InvariantCulture)}% canary, {(100 - weight).ToString(CultureInfo.InvariantCulture)}% stable");
            }

            Actions.Add(new SetTrafficWeight(weight));
            RouterWeight = weight;
        }

        CanaryWeight = weight;
    }

    /// <summary>The router shows <paramref name="weight"/> already and this decision writes no weight: the weight is verified.</summary>
    public bool WeightVerified(int weight) => ObservedRouterWeight == weight && !Actions.Any(a => a is SetTrafficWeight);

    /// <summary>Removes the routes the controller created for the canary, when there are any (once per decision).</summary>
    public void RemoveManagedRoutes()
    {
        if (Routed && Observed.TrafficRouter?.HasManagedRoutes == true && !Actions.Any(a => a is RemoveManagedRoutes))
        {
            Actions.Add(new RemoveManagedRoutes());
        }
    }

    /// <summary>The revision number a new ReplicaSet gets: one more than any existing or handed out before.</summary>
    public int NextRevision() => Math.Max(ReplicaSets.Select(r => r.Revision).DefaultIfEmpty(0).Max(), Old.CurrentRevision ?? 0) + 1;

    public static string Describe(CanaryStep step) => step switch
    {
        { SetWeight: { } w } => "setWeight " + w.ToString(CultureInfo.InvariantCulture),
        { Pause.Duration: { } d } => "pause " + (d.IsString ? d.StringValue : d.IntValue.ToString(CultureInfo.InvariantCulture) + "s"),
        { Pause: not null } => "pause (until promoted)",
        { Analysis: not null } => "analysis",
        { SetCanaryScale: not null } => "setCanaryScale",
        _ => "step",
    };

    public static string HashOf(JsonObject template) => PodTemplateHash.Compute(template);
}
