using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Controller.Caching;
using CanaryFlow.Controller.Queue;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Events;
using CanaryFlow.Kubernetes.Informers;
using CanaryFlow.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Analysis;

/// <summary>
/// One reconcile of one AnalysisRun: decide what is due (Core), measure it, fold the measurements in (Core), write
/// the status once, and come back at the exact time the next measurement falls due. The run's status is its only
/// memory, so a restarted controller continues the schedule where the last one left it.
/// </summary>
public sealed partial class AnalysisRunReconciler
{
    private readonly ObjectCache<AnalysisRun> _runs;
    private readonly ObjectCache<Rollout> _rollouts;
    private readonly RecentWrites<AnalysisRun> _recent;
    private readonly ResourceClient<AnalysisRun> _client;
    private readonly MetricMeasurer _measurer;
    private readonly IEventRecorder _events;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    public AnalysisRunReconciler(ObjectCache<AnalysisRun> runs, ObjectCache<Rollout> rollouts, RecentWrites<AnalysisRun> recent, ResourceClient<AnalysisRun> client, MetricMeasurer measurer, IEventRecorder events, TimeProvider clock, ILogger<AnalysisRunReconciler> logger)
    {
        _runs = runs;
        _rollouts = rollouts;
        _recent = recent;
        _client = client;
        _measurer = measurer;
        _events = events;
        _clock = clock;
        _logger = logger;
    }

    /// <param name="key">The run's cache key, <c>namespace/name</c>.</param>
    public async Task<ReconcileResult> ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        if (_runs.GetByKey(key) is not { } cached)
        {
            return ReconcileResult.Done;
        }

        var run = _recent.Newest(cached);
        if (run.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        if (AnalysisPhases.IsCompleted(run.Status?.Phase))
        {
            await PruneHistoryAsync(run, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var decision = AnalysisRunDecider.Decide(run, _clock.GetUtcNow());
        var status = decision.Status;
        var notes = new List<(string Type, string Reason, string Note)>();
        if (decision.Due.Count > 0)
        {
            var started = Stopwatch.GetTimestamp();

            // Metrics of one run are independent: one slow backend must not delay the others' schedules.
            var measurements = await Task.WhenAll(decision.Due.Select(m => _measurer.MeasureAsync(run, m, cancellationToken))).ConfigureAwait(false);
            for (var i = 0; i < measurements.Length; i++)
            {
                status = AnalysisRunDecider.Record(run, status, decision.Due[i], measurements[i]);
                LogMeasured(_logger, run.Metadata.Namespace, run.Metadata.Name, decision.Due[i].Name, measurements[i].Phase, measurements[i].Value, measurements[i].Condition ?? measurements[i].Message);
                if (measurements[i].Phase is AnalysisPhases.Failed or AnalysisPhases.Error)
                {
                    notes.Add((EventTypes.Warning, measurements[i].Phase == AnalysisPhases.Failed ? "MetricFailed" : "MetricError", Explain(decision.Due[i], measurements[i])));
                }
            }

            LogMeasuredAll(_logger, run.Metadata.Namespace, run.Metadata.Name, measurements.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        try
        {
            await WriteStatusAsync(run, status, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
            // Changed meanwhile (terminate, or another writer): decide again from the new version at once. The
            // measurements just taken are retaken, which is safer than writing them over a change we did not see.
            return ReconcileResult.RequeueAfter(TimeSpan.Zero);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return ReconcileResult.Done;
        }

        // Events only once the status that explains them is written: a conflict retakes the measurements.
        foreach (var (type, reason, note) in notes)
        {
            _events.Record(run, type, reason, "Measure", note);
        }

        if (AnalysisPhases.IsCompleted(status.Phase))
        {
            var type = status.Phase == AnalysisPhases.Successful ? EventTypes.Normal : EventTypes.Warning;
            _events.Record(run, type, "AnalysisRun" + status.Phase, "Complete", status.Message ?? $"AnalysisRun {status.Phase}");
        }

        var next = AnalysisRunDecider.Decide(run with { Status = status }, _clock.GetUtcNow());
        return next.RequeueAt is { } due ? ReconcileResult.RequeueAt(due) : ReconcileResult.Done;
    }

    /// <summary>Deletes the Rollout's finished runs beyond the history limits (see <see cref="AnalysisRunHistory"/>).</summary>
    private async Task PruneHistoryAsync(AnalysisRun run, CancellationToken cancellationToken)
    {
        var owner = run.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == "Rollout");
        if (owner?.Uid is not { } uid || owner.Name is not { } rolloutName)
        {
            return;
        }

        var rollout = _rollouts.Get(run.Metadata.Namespace, rolloutName);
        if (rollout is null || rollout.Metadata.Uid != uid)
        {
            // The Rollout is gone: the garbage collector deletes its runs.
            return;
        }

        foreach (var old in AnalysisRunHistory.Prune(_runs.ByOwner(uid), rollout.Status?.CurrentPodHash))
        {
            LogPruned(_logger, old.Metadata.Namespace, old.Metadata.Name, rolloutName);
            try
            {
                await _client.DeleteAsync(old.Metadata.Namespace, old.Metadata.Name!, new DeleteOptions { Preconditions = new Preconditions { Uid = old.Metadata.Uid } }, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsNotFound || e.IsConflict)
            {
                // Deleted or replaced meanwhile: nothing of ours to delete.
            }
        }
    }

    private async Task WriteStatusAsync(AnalysisRun run, AnalysisRunStatus status, CancellationToken cancellationToken)
    {
        // Conditional on the version decided from: a terminate patched in meanwhile must be seen before writing.
        if (MergePatchBuilder.ForStatus(run.Status, status, CoreJsonContext.Default.AnalysisRunStatus, run.Metadata.ResourceVersion) is { } patch)
        {
            _recent.Remember(await _client.PatchAsync(run.Metadata.Namespace, run.Metadata.Name!, Patch.Merge(patch), "status", cancellationToken: cancellationToken).ConfigureAwait(false));
        }
    }

    private static string Explain(Metric metric, Measurement measurement)
    {
        var judged = measurement.Condition is { } condition ? $", {condition}" : "";
        var message = measurement.Message is { } text ? $": {text}" : "";
        var query = measurement.Query is { } shown ? $" (query: {shown})" : "";
        return $"metric {metric.Name}: value {measurement.Value ?? "none"}{judged}{message}{query}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AnalysisRun {Namespace}/{Name}: metric {Metric} measured {Phase}, value {Value} ({Reason})")]
    private static partial void LogMeasured(ILogger logger, string? @namespace, string? name, string? metric, string? phase, string? value, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleting AnalysisRun {Namespace}/{Name}: beyond the history limit of Rollout {Rollout}")]
    private static partial void LogPruned(ILogger logger, string? @namespace, string? name, string rollout);

    [LoggerMessage(Level = LogLevel.Debug, Message = "AnalysisRun {Namespace}/{Name}: {Count} measurements in {Milliseconds} ms")]
    private static partial void LogMeasuredAll(ILogger logger, string? @namespace, string? name, int count, double milliseconds);
}
