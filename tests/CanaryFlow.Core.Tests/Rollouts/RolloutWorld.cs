using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Core.Tests.Rollouts;

/// <summary>
/// A small simulated cluster around one Rollout for tick-by-tick tests: it applies each decision the way the
/// controller's actuator would (ReplicaSets, Services, router weight, analysis runs), stores the status through JSON
/// as the API server does, and lets pods become available when the test says so. Every tick also checks restart
/// safety: deciding from the status read back from JSON gives the same decision.
/// </summary>
internal sealed class RolloutWorld
{
    private readonly Dictionary<string, SimulatedReplicaSet> _replicaSets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObservedAnalysis> _analyses = new(StringComparer.Ordinal);
    private readonly List<Func<RolloutStatus, RolloutStatus>> _gitResults = [];
    private long _generation = 1;

    public RolloutWorld(RolloutSpec spec, DateTimeOffset? start = null)
    {
        Spec = spec;
        Now = start ?? new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

        // A route made by hand before the Rollout: canary 0, stable 100 (NGINX: no canary Ingress yet).
        RouterWeight = 0;
    }

    public RolloutSpec Spec { get; private set; }

    public RolloutStatus? Status { get; set; }

    public DateTimeOffset Now { get; set; }

    public string? StableServiceHash { get; private set; }

    public string? CanaryServiceHash { get; private set; }

    /// <summary>
    /// The router's canary weight as its objects show it (only changes with trafficRouting); null when a person edited
    /// them into a shape the controller does not write (weights that do not add up to 100).
    /// </summary>
    public int? RouterWeight { get; private set; }

    /// <summary>The routes the controller created for the canary exist (modelled for NGINX, whose canary Ingress they are).</summary>
    public bool ManagedRoutes { get; private set; }

    /// <summary>What the controller's router reports as stopping it (a missing HTTPRoute, say); null when it can be driven.</summary>
    public TrafficRouterProblem? RouterProblem { get; set; }

    /// <summary>The router has its weight but must be written again (the stable Ingress the NGINX canary copies changed).</summary>
    public bool RouterStale { get; set; }

    /// <summary>Whether the stable and the canary Service exist.</summary>
    public bool StableServiceExists { get; set; } = true;

    public bool CanaryServiceExists { get; set; } = true;

    /// <summary>Every weight the router was given, in order.</summary>
    public List<int> RouterWrites { get; } = [];

    /// <summary>Templates whose pods never become ready.</summary>
    public HashSet<string> BadImages { get; } = new(StringComparer.Ordinal);

    /// <summary>At most this many pods of a ReplicaSet (by hash) become available: the rest cannot be scheduled.</summary>
    public Dictionary<string, int> AvailableLimit { get; } = new(StringComparer.Ordinal);

    /// <summary>ReplicaSets (by hash) that exist but the informer has not seen yet.</summary>
    public HashSet<string> NotYetObserved { get; } = new(StringComparer.Ordinal);

    public List<RolloutEvent> Events { get; } = [];

    /// <summary>The Rollout's annotations (for example the sync tool's Git revision).</summary>
    public Dictionary<string, string>? Annotations { get; set; }

    /// <summary>Git work handed off (revision lookups and reverts), in order.</summary>
    public List<RolloutAction> GitWork { get; } = [];

    /// <summary>Whether the simulated Git work completes (false: the config repo is unreachable, nothing is recorded).</summary>
    public bool GitAnswers { get; set; } = true;

    public List<RolloutAction> Actions { get; } = [];

    public List<string> StartedAnalyses { get; } = [];

    public List<string> TerminatedAnalyses { get; } = [];

    public RolloutDecision? LastDecision { get; private set; }

    /// <summary>Every decision that was applied in full, in order.</summary>
    public List<RolloutDecision> Decisions { get; } = [];

    public IReadOnlyCollection<SimulatedReplicaSet> ReplicaSets => _replicaSets.Values;

    public IEnumerable<string> EventReasons => Events.Select(e => e.Reason);

    public int Replicas => Spec.Replicas ?? 1;

    public SimulatedReplicaSet? ReplicaSet(string? hash) => hash is null ? null : _replicaSets.GetValueOrDefault(hash);

    public SimulatedReplicaSet? Stable => ReplicaSet(Status?.StableRs);

    public SimulatedReplicaSet? Canary => Status?.CurrentPodHash is { } hash && hash != Status.StableRs ? ReplicaSet(hash) : null;

    public string Phase => Status?.Phase ?? "";

    public int TotalAvailable => _replicaSets.Values.Sum(r => r.Available);

    public void SetAnalysis(string name, AnalysisPhase phase, string? message = null) => _analyses[name] = new ObservedAnalysis(name, phase, message);

    /// <summary>A change to the spec, as Git or kubectl would make it (the generation moves).</summary>
    public void ChangeSpec(Func<RolloutSpec, RolloutSpec> change)
    {
        Spec = change(Spec);
        _generation++;
    }

    public void SetImage(string image) => ChangeSpec(s => s with { Template = RolloutSpecs.Template(image) });

    /// <summary>A verb or user patch of the status (e.g. abort).</summary>
    public void PatchStatus(Func<RolloutStatus, RolloutStatus> change) => Status = change(Status ?? new RolloutStatus());

    public ObservedRollout Observe() => new()
    {
        Rollout = Rollout(),
        ReplicaSets = [.. _replicaSets.Values.Where(r => !NotYetObserved.Contains(r.Hash)).Select(r => r.Observe())],
        StableService = Spec.Strategy?.Canary?.StableService is { } stable ? new ObservedService(stable, StableServiceExists ? StableServiceHash : null, StableServiceExists) : null,
        CanaryService = Spec.Strategy?.Canary?.CanaryService is { } canary ? new ObservedService(canary, CanaryServiceExists ? CanaryServiceHash : null, CanaryServiceExists) : null,
        TrafficRouter = Routing is null ? null : new ObservedTrafficRouter
        {
            // Without its canary Ingress, NGINX sends the canary nothing.
            CanaryWeight = Routing.Nginx is not null && !ManagedRoutes ? 0 : RouterWeight,
            HasManagedRoutes = ManagedRoutes,
            Stale = RouterStale,
            Problem = RouterProblem,
        },
        Analyses = new Dictionary<string, ObservedAnalysis>(_analyses, StringComparer.Ordinal),
    };

    public TrafficRouting? Routing => Spec.Strategy?.Canary?.TrafficRouting;

    /// <summary>A person edits the router's weights (kubectl edit httproute); null: into a shape the controller does not write.</summary>
    public void EditRouterByHand(int? canaryWeight)
    {
        RouterWeight = canaryWeight;
        ManagedRoutes = Routing?.Nginx is not null;
    }

    /// <summary>A person deletes the routes the controller made (kubectl delete ingress api-canary).</summary>
    public void DeleteManagedRoutesByHand()
    {
        ManagedRoutes = false;
        RouterWeight = 0;
    }

    public Rollout Rollout() => new()
    {
        Metadata = new ObjectMeta { Name = "api", Namespace = "prod", Uid = "uid-1", Generation = _generation, ResourceVersion = "1", Annotations = Annotations },
        Spec = Spec,
        Status = Status,
    };

    /// <summary>One reconcile: decide (checking restart safety), apply the actions, store the status.</summary>
    public RolloutDecision Tick()
    {
        var observed = Observe();
        var decision = RolloutDecider.Decide(observed, Now);
        var restarted = RolloutDecider.Decide(observed with { Rollout = RoundTrip(observed.Rollout) }, Now);
        Assert.Equal(Describe(decision), Describe(restarted));
        foreach (var action in decision.Actions)
        {
            Apply(action, observed, decision);
        }

        Actions.AddRange(decision.Actions);
        Events.AddRange(decision.Events);
        Status = RoundTrip(observed.Rollout with { Status = decision.Status }).Status;

        // The Git work runs beside the reconciles and writes status.git when it is done.
        foreach (var result in _gitResults)
        {
            Status = result(Status!);
        }

        _gitResults.Clear();
        LastDecision = decision;
        Decisions.Add(decision);
        return decision;
    }

    /// <summary>The last applied decision that recorded an Event with this reason.</summary>
    public RolloutDecision LastDecisionWith(string reason) => Decisions.Last(d => d.Events.Any(e => e.Reason == reason));

    /// <summary>
    /// A reconcile whose actuator fails after applying the first <paramref name="applied"/> actions: the controller
    /// then writes no status and records no Events (it decides again on the next reconcile).
    /// </summary>
    public RolloutDecision TickFailingAfter(int applied)
    {
        var observed = Observe();
        var decision = RolloutDecider.Decide(observed, Now);
        foreach (var action in decision.Actions.Take(applied))
        {
            Apply(action, observed, decision);
        }

        Actions.AddRange(decision.Actions.Take(applied));
        return decision;
    }

    /// <summary>A person deletes a ReplicaSet (kubectl delete rs); its pods go with it.</summary>
    public void DeleteReplicaSetByHand(string hash) => Assert.True(_replicaSets.Remove(hash), $"no ReplicaSet {hash}");

    /// <summary>Pods of every ReplicaSet reach their spec: created, and ready unless their image is bad.</summary>
    public void PodsSettle()
    {
        foreach (var rs in _replicaSets.Values)
        {
            rs.Current = rs.Replicas;
            rs.Available = BadImages.Contains(rs.Image) ? 0 : Math.Min(rs.Replicas, AvailableLimit.GetValueOrDefault(rs.Hash, int.MaxValue));
        }
    }

    /// <summary>Ticks, settling pods and advancing time by <paramref name="step"/>, until the decision changes nothing.</summary>
    public void RunUntilQuiet(int maxTicks = 50, TimeSpan? step = null)
    {
        for (var i = 0; i < maxTicks; i++)
        {
            var before = Serialize(Status);
            var decision = Tick();
            PodsSettle();
            if (decision.Actions.Count == 0 && Serialize(decision.Status) == before && !PodsChanged())
            {
                return;
            }

            Now += step ?? TimeSpan.FromSeconds(1);
        }

        throw new InvalidOperationException($"no quiet state after {maxTicks} ticks; phase {Phase}, status {Serialize(Status)}");
    }

    /// <summary>Advances time to the decision's requeue time (what the work queue would do).</summary>
    public void AdvanceToRequeue()
    {
        var at = LastDecision?.RequeueAt ?? throw new InvalidOperationException("the last decision asked for no requeue");
        Assert.True(at > Now, $"requeue time {at} is not after now {Now}");
        Now = at;
    }

    private static GitStatus Resolved(GitStatus git, ResolveGitRevision resolve) => resolve.Role == GitRevisionRole.Stable
        ? git with { StableRevision = "commit-" + resolve.Hash, StableHash = resolve.Hash }
        : git with { CanaryRevision = "commit-" + resolve.Hash, CanaryHash = resolve.Hash };

    private bool PodsChanged() => _replicaSets.Values.Any(r => r.Changed());

    /// <summary>
    /// Applies one action as the actuator would, checking the traffic rules of semantics §7 on the way: the router never
    /// sends traffic to a canary without an available pod (as observed for the decision), and the canary Service is
    /// re-pointed only while the router sends it nothing.
    /// </summary>
    private void Apply(RolloutAction action, ObservedRollout observed, RolloutDecision decision)
    {
        switch (action)
        {
            case SetTrafficWeight { CanaryWeight: > 0 } traffic:
                var canaryHash = decision.Status.CurrentPodHash;
                Assert.True(CanaryServiceHash == canaryHash, $"weight {traffic.CanaryWeight} sent while the canary Service selects {CanaryServiceHash}, not the canary {canaryHash}");
                var available = observed.ReplicaSets.FirstOrDefault(r => r.Hash == canaryHash)?.AvailableReplicas ?? 0;
                Assert.True(available > 0, $"weight {traffic.CanaryWeight} sent to the canary {canaryHash}, which has no available pod");
                break;
            case SelectReplicaSet select when Routing is not null && select.Service == Spec.Strategy?.Canary?.CanaryService && select.Hash != CanaryServiceHash:
                Assert.True(RouterWeight == 0, $"the canary Service re-pointed to {select.Hash} while the router sends it {RouterWeight?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown share"}");
                break;
        }

        switch (action)
        {
            case CreateReplicaSet create:
                Assert.False(_replicaSets.ContainsKey(create.Hash), $"ReplicaSet {create.Hash} created twice");
                _replicaSets[create.Hash] = new SimulatedReplicaSet(create.Name, create.Hash, create.Revision, create.Template, create.Replicas);
                break;
            case ScaleReplicaSet scale:
                var rs = _replicaSets.Values.Single(r => r.Name == scale.Name);
                rs.Replicas = scale.Replicas;
                rs.ScaleDownDeadline = scale.ScaleDownDeadline;
                rs.Current = Math.Min(rs.Current, scale.Replicas);
                rs.Available = Math.Min(rs.Available, scale.Replicas);
                break;
            case DeleteReplicaSet delete:
                _replicaSets.Remove(_replicaSets.Values.Single(r => r.Name == delete.Name).Hash);
                break;
            case SelectReplicaSet select when select.Service == Spec.Strategy?.Canary?.StableService:
                StableServiceHash = select.Hash;
                break;
            case SelectReplicaSet select:
                Assert.Equal(Spec.Strategy?.Canary?.CanaryService, select.Service);
                CanaryServiceHash = select.Hash;
                break;
            case SetTrafficWeight weight:
                RouterWeight = weight.CanaryWeight;
                RouterStale = false;
                ManagedRoutes = Routing?.Nginx is not null;
                RouterWrites.Add(weight.CanaryWeight);
                break;
            case RemoveManagedRoutes:
                Assert.True(Routing?.Nginx is not null && ManagedRoutes, "removed managed routes that do not exist");
                ManagedRoutes = false;
                RouterWeight = 0;
                break;
            case StartAnalysis start:
                StartedAnalyses.Add(start.Name);
                _analyses[start.Name] = new ObservedAnalysis(start.Name, AnalysisPhase.Running);
                break;
            case TerminateAnalysis terminate:
                TerminatedAnalyses.Add(terminate.Name);
                _analyses.Remove(terminate.Name);
                break;
            case ResolveGitRevision resolve:
                GitWork.Add(resolve);
                if (GitAnswers)
                {
                    _gitResults.Add(status => status with { Git = Resolved(status.Git ?? new GitStatus(), resolve) });
                }

                break;
            case RevertInGit revert:
                GitWork.Add(revert);
                Assert.True(RouterWeight is null or 0, $"Git revert handed off while the router sends the canary {RouterWeight}");
                Assert.Equal(revert.StableHash, StableServiceHash);
                if (GitAnswers)
                {
                    _gitResults.Add(status => status with { Git = (status.Git ?? new GitStatus()) with { RevertCommit = "revert-" + revert.AbortedHash, RevertedHash = revert.AbortedHash } });
                }

                break;
            default:
                throw new InvalidOperationException("unexpected action " + action);
        }
    }

    public static Rollout RoundTrip(Rollout rollout) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(rollout, CoreJsonContext.Default.Rollout), CoreJsonContext.Default.Rollout)!;

    public static string Serialize(RolloutStatus? status) => status is null ? "" : JsonSerializer.Serialize(status, CoreJsonContext.Default.RolloutStatus);

    /// <summary>A decision as comparable text: actions, status, events and requeue time.</summary>
    public static string Describe(RolloutDecision decision) =>
        string.Join("\n", decision.Actions.Select(a => a switch
        {
            CreateReplicaSet c => $"create {c.Name} r{c.Revision} x{c.Replicas} {c.Template.ToJsonString()}",
            StartAnalysis s => $"start {s.Name} {s.Background}",
            _ => a.ToString(),
        }))
        + "\n" + Serialize(decision.Status)
        + "\n" + string.Join("\n", decision.Events)
        + "\n" + decision.RequeueAt?.ToString("O");
}

/// <summary>A ReplicaSet in <see cref="RolloutWorld"/>.</summary>
internal sealed class SimulatedReplicaSet(string name, string hash, int revision, JsonObject template, int replicas)
{
    private (int Replicas, int Current, int Available) _last = (-1, -1, -1);

    public string Name { get; } = name;

    public string Hash { get; } = hash;

    public int Revision { get; } = revision;

    public JsonObject Template { get; } = template;

    public string Image => Template["spec"]!["containers"]![0]!["image"]!.GetValue<string>();

    public int Replicas { get; set; } = replicas;

    public int Current { get; set; }

    public int Available { get; set; }

    public DateTimeOffset? ScaleDownDeadline { get; set; }

    /// <summary>False while the informer shows a status older than the spec (observedGeneration behind).</summary>
    public bool StatusCurrent { get; set; } = true;

    public ObservedReplicaSet Observe() => new()
    {
        Name = Name,
        Hash = Hash,
        Revision = Revision,
        Replicas = Replicas,
        ReadyReplicas = Available,
        AvailableReplicas = Available,
        CurrentReplicas = Current,
        Template = Template,
        ScaleDownDeadline = ScaleDownDeadline,
        StatusCurrent = StatusCurrent,
    };

    public bool Changed()
    {
        var now = (Replicas, Current, Available);
        var changed = now != _last;
        _last = now;
        return changed;
    }
}
