using System.Diagnostics;
using System.Globalization;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Benchmarks.ControllerFleet;

/// <summary>
/// Polls the updated Rollouts once a second and notes when each was first seen completed (Healthy on its new
/// template), so that both the time until all completed and the spread of per-Rollout times are known (1 s resolution).
/// </summary>
internal sealed class CompletionTracker
{
    private readonly RolloutFleet _fleet;
    private readonly Dictionary<string, string> _previousStable;
    private readonly Dictionary<string, TimeSpan> _completedAt = new(StringComparer.Ordinal);

    public CompletionTracker(RolloutFleet fleet, IEnumerable<Rollout> before)
    {
        _fleet = fleet;
        _previousStable = before.ToDictionary(Key, r => r.Status?.StableRs ?? "", StringComparer.Ordinal);
    }

    public IReadOnlyCollection<TimeSpan> CompletionTimes => _completedAt.Values;

    /// <summary>Waits until every Rollout completed; the clock is the one the update started on.</summary>
    public async Task<TimeSpan> WaitAsync(Stopwatch sinceUpdate, CancellationToken cancellationToken)
    {
        var lastReport = TimeSpan.Zero;
        while (_completedAt.Count < _previousStable.Count)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var now = sinceUpdate.Elapsed;
            foreach (var rollout in await _fleet.ListProgressingAsync(cancellationToken))
            {
                var key = Key(rollout);
                if (!_completedAt.ContainsKey(key) && RolloutFleet.Completed(rollout, _previousStable[key]))
                {
                    _completedAt[key] = now;
                }
            }

            if (now - lastReport >= TimeSpan.FromSeconds(15))
            {
                lastReport = now;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... {_completedAt.Count} of {_previousStable.Count} updates completed after {now.TotalSeconds:0} s"));
            }
        }

        return _completedAt.Values.Max();
    }

    /// <summary>The time by which a fraction <paramref name="q"/> of the Rollouts had completed.</summary>
    public TimeSpan Quantile(double q)
    {
        var sorted = _completedAt.Values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string Key(Rollout rollout) => rollout.Metadata.Namespace + "/" + rollout.Metadata.Name;
}
