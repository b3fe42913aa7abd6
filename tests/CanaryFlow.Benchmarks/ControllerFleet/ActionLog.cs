using System.Globalization;

namespace CanaryFlow.Benchmarks.ControllerFleet;

/// <summary>
/// The controller logs each write it makes to a ReplicaSet, Service or pod at information level (RolloutActuator);
/// counting those lines splits the API writes, which /metrics only has by verb, by what they were for. Status patches
/// are what remains of the writes without Events.
/// </summary>
internal sealed record ActionLog(IReadOnlyDictionary<string, int> Counts)
{
    private static readonly (string Action, string Marker)[] _actions =
    [
        ("ReplicaSet creates", "Creating ReplicaSet "),
        ("ReplicaSet scales", "Scaling ReplicaSet "),
        ("ReplicaSet deletes", "Deleting old ReplicaSet "),
        ("Service selector patches", "Pointing Service "),
        ("pod deletes", "Restarting pod "),
    ];

    public int Total => Counts.Values.Sum();

    /// <summary>The actions in the controller's log after <paramref name="offset"/> characters of it.</summary>
    public static ActionLog Count(string log, int offset)
    {
        ArgumentNullException.ThrowIfNull(log);
        var counts = _actions.ToDictionary(a => a.Action, _ => 0);
        foreach (var line in log[offset..].Split('\n'))
        {
            foreach (var (action, marker) in _actions)
            {
                if (line.Contains(marker, StringComparison.Ordinal))
                {
                    counts[action]++;
                }
            }
        }

        return new ActionLog(counts);
    }

    /// <summary>e.g. "ReplicaSet creates 1.00, ..., status patches 8.00" per <paramref name="rollouts"/>.</summary>
    public string PerRollout(WriteDelta delta, int rollouts)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var parts = Counts.Where(c => c.Value > 0).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value / (double)rollouts:0.00}"));
        var status = (delta.WithoutEvents - Total) / rollouts;
        string[] rest =
        [
            string.Create(CultureInfo.InvariantCulture, $"Rollout status patches {status:0.00}"),
            string.Create(CultureInfo.InvariantCulture, $"Event writes {delta.EventWrites / rollouts:0.00}"),
        ];
        return string.Join(", ", parts.Concat(rest));
    }
}
