using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Controller.Caching;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Informers;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Analysis;

/// <summary>
/// The Rollout controller's side of analysis: AnalysisRun objects created, observed and terminated through the API.
/// The runs are measured by <see cref="AnalysisRunReconciler"/>; this class never measures.
/// </summary>
public sealed partial class KubernetesAnalysisRunner : IAnalysisRunner
{
    private readonly AnalysisClients _clients;
    private readonly ObjectCache<AnalysisRun> _runs;
    private readonly RecentWrites<AnalysisRun> _recent;
    private readonly IAnalysisTemplateSource _templates;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    public KubernetesAnalysisRunner(AnalysisClients clients, ObjectCache<AnalysisRun> runs, RecentWrites<AnalysisRun> recent, IAnalysisTemplateSource templates, TimeProvider clock, ILogger<KubernetesAnalysisRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _clients = clients;
        _runs = runs;
        _recent = recent;
        _templates = templates;
        _clock = clock;
        _logger = logger;
    }

    public IReadOnlyDictionary<string, ObservedAnalysis> Observe(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var uid = rollout.Metadata.Uid ?? "";
        var observed = new Dictionary<string, ObservedAnalysis>(StringComparer.Ordinal);
        foreach (var cached in _runs.ByOwner(uid))
        {
            var run = _recent.Newest(cached);
            observed[run.Metadata.Name ?? ""] = Describe(run);
        }

        // Created by us a moment ago and not in the cache yet: reporting it keeps the decider from waiting blind.
        foreach (var run in _recent.Pending(rollout.Metadata.Namespace ?? ""))
        {
            if (IsOwnedBy(run, uid) && !observed.ContainsKey(run.Metadata.Name ?? "") && _runs.Get(run.Metadata.Namespace, run.Metadata.Name ?? "") is null)
            {
                observed[run.Metadata.Name ?? ""] = Describe(run);
            }
        }

        return observed;
    }

    public async Task StartAsync(Rollout rollout, StartAnalysis request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(request);
        var run = AnalysisRunFactory.Create(rollout, request.Name, request.Analysis, request.Background, _templates, _clock.GetUtcNow());
        var ns = run.Metadata.Namespace;
        LogStart(_logger, ns, request.Name, request.Background, run.Status?.Message is { } problem ? "; it cannot run: " + problem : "");
        AnalysisRun created;
        try
        {
            created = await _clients.Runs.CreateAsync(run with { Status = null }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists)
        {
            // Our cache had not seen it yet: the run exists, which is what was asked, if it is this Rollout's.
            var existing = await _clients.Runs.GetAsync(ns, request.Name, cancellationToken).ConfigureAwait(false);
            if (!IsOwnedBy(existing, rollout.Metadata.Uid ?? ""))
            {
                throw new InvalidOperationException($"AnalysisRun {ns}/{request.Name} exists and is not owned by Rollout {rollout.Metadata.Name}; delete it", e);
            }

            _recent.Remember(existing);
            return;
        }

        _recent.Remember(created);
        if (run.Status is { } failedAtStart)
        {
            // The API server ignores status on create; a run that cannot be carried out gets its Error afterwards.
            var patch = new JsonObject { ["status"] = JsonSerializer.SerializeToNode(failedAtStart, CoreJsonContext.Default.AnalysisRunStatus) };
            _recent.Remember(await _clients.Runs.PatchAsync(ns, request.Name, Patch.Merge(patch), "status", cancellationToken: cancellationToken).ConfigureAwait(false));
        }
    }

    public async Task TerminateAsync(Rollout rollout, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var ns = rollout.Metadata.Namespace;
        LogTerminate(_logger, ns, name);
        try
        {
            var patch = new JsonObject { ["spec"] = new JsonObject { ["terminate"] = true } };
            _recent.Remember(await _clients.Runs.PatchAsync(ns, name, Patch.Merge(patch), cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            // Already gone (deleted by a person or by history pruning): nothing left to stop.
        }
    }

    internal static ObservedAnalysis Describe(AnalysisRun run)
    {
        var phase = run.Status?.Phase switch
        {
            AnalysisPhases.Running => AnalysisPhase.Running,
            AnalysisPhases.Successful => AnalysisPhase.Successful,
            AnalysisPhases.Failed => AnalysisPhase.Failed,
            AnalysisPhases.Error => AnalysisPhase.Error,
            AnalysisPhases.Inconclusive => AnalysisPhase.Inconclusive,
            _ => AnalysisPhase.Pending,
        };
        return new ObservedAnalysis(run.Metadata.Name ?? "", phase, run.Status?.Message);
    }

    private static bool IsOwnedBy(AnalysisRun run, string uid) =>
        run.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == uid) == true;

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating AnalysisRun {Namespace}/{Name} (background: {Background}){Problem}")]
    private static partial void LogStart(ILogger logger, string? @namespace, string name, bool background, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Terminating AnalysisRun {Namespace}/{Name}")]
    private static partial void LogTerminate(ILogger logger, string? @namespace, string name);
}
