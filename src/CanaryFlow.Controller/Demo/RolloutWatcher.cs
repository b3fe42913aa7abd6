using System.Globalization;
using CanaryFlow.Controller.Analysis;
using CanaryFlow.Controller.Rollouts;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;

namespace CanaryFlow.Controller.Demo;

/// <summary>
/// Follows the Rollout and its AnalysisRuns for the story: a line whenever the phase, step or weight changes (with
/// where traffic actually went), each analysis measurement as it is recorded, and a heartbeat while nothing changes.
/// Stages wait on it for the state they expect.
/// </summary>
public sealed class RolloutWatcher(KubernetesClient client, string ns, string name, StoryWriter story, TrafficGenerator traffic, DemoTimings timings)
{
    private readonly ResourceClient<Rollout> _rollouts = RolloutClients.Create(client).Rollouts;
    private readonly ResourceClient<AnalysisRun> _runs = AnalysisClients.Create(client).Runs;
    private readonly HashSet<string> _measurementsShown = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _runPhases = new(StringComparer.Ordinal);
    private string _lastHeadline = "";
    private TimeSpan _lastLine;

    /// <summary>The latest state seen; null until the Rollout exists.</summary>
    public RolloutSnapshot? Latest { get; private set; }

    /// <summary>Every weight the canary was seen at, in order, since <see cref="ResetWeights"/>.</summary>
    public List<int> WeightsSeen { get; } = [];

    /// <summary>The final phase of each AnalysisRun, by name.</summary>
    public IReadOnlyDictionary<string, string> RunPhases => _runPhases;

    public void ResetWeights() => WeightsSeen.Clear();

    /// <summary>Polls until <paramref name="done"/> holds; null on timeout (the stage then says what it waited for).</summary>
    public async Task<RolloutSnapshot?> WaitForAsync(Func<RolloutSnapshot, bool> done, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(done);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                await ObserveAsync(deadline.Token).ConfigureAwait(false);
                if (Latest is { } latest && done(latest))
                {
                    return latest;
                }

                await Task.Delay(timings.StatusPollInterval, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task ObserveAsync(CancellationToken cancellationToken)
    {
        if (await _rollouts.TryGetAsync(ns, name, cancellationToken).ConfigureAwait(false) is not { } rollout)
        {
            return;
        }

        var snapshot = RolloutSnapshot.Of(rollout);
        Latest = snapshot;
        if (snapshot.Phase is "Progressing" or "Paused" && (WeightsSeen.Count == 0 || WeightsSeen[^1] != snapshot.CanaryWeight))
        {
            WeightsSeen.Add(snapshot.CanaryWeight);
        }

        await ShowMeasurementsAsync(cancellationToken).ConfigureAwait(false);
        var headline = snapshot.Headline + " on " + snapshot.Version;
        if (headline != _lastHeadline || story.Elapsed - _lastLine >= timings.Heartbeat)
        {
            _lastHeadline = headline;
            _lastLine = story.Elapsed;
            story.Line($"Rollout {name}: {headline,-50} traffic (last 2s): {traffic.Snapshot(TimeSpan.FromSeconds(2))}");
        }
    }

    private async Task ShowMeasurementsAsync(CancellationToken cancellationToken)
    {
        foreach (var run in (await _runs.ListAsync(ns, cancellationToken: cancellationToken).ConfigureAwait(false)).Items)
        {
            var runName = run.Metadata.Name ?? "";
            foreach (var metric in run.Status?.MetricResults ?? [])
            {
                var measurements = metric.Measurements ?? [];
                for (var i = 0; i < measurements.Count; i++)
                {
                    var measurement = measurements[i];
                    var key = string.Create(CultureInfo.InvariantCulture, $"{runName}/{metric.Name}/{i}/{measurement.StartedAt:O}");
                    if (measurement.Phase is "Successful" or "Failed" or "Inconclusive" or "Error" && _measurementsShown.Add(key))
                    {
                        var detail = measurement.Phase == "Error" ? measurement.Message : measurement.Condition;
                        story.Line($"  analysis {metric.Name}: {measurement.Value ?? "-"} -> {measurement.Phase} ({detail})");
                    }
                }
            }

            if (run.Status?.Phase is "Successful" or "Failed" or "Error" or "Inconclusive" && _runPhases.TryAdd(runName, run.Status.Phase))
            {
                story.Line($"  AnalysisRun {runName}: {run.Status.Phase}");
            }
        }
    }
}
