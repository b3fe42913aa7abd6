using System.Globalization;

namespace CanaryFlow.Benchmarks.ControllerFleet;

/// <summary>The controller's API writes and reconciles between two snapshots.</summary>
internal sealed record WriteDelta(IReadOnlyDictionary<string, double> ByVerb, double Failed, double EventWrites, double EventsDropped, ReconcileHistogram Reconciles)
{
    public double Total => ByVerb.Values.Sum();

    /// <summary>Writes to Rollouts, ReplicaSets, Services and pods: the total less the Event recorder's.</summary>
    public double WithoutEvents => Total - EventWrites;

    public static WriteDelta Between(ControllerSnapshot before, ControllerSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new WriteDelta(
            after.WritesByVerb.ToDictionary(p => p.Key, p => p.Value - before.WritesByVerb[p.Key]),
            after.FailedWrites - before.FailedWrites,
            after.EventWrites - before.EventWrites,
            after.EventsDropped - before.EventsDropped,
            after.Reconciles.Since(before.Reconciles));
    }

    /// <summary>e.g. "12345 (create 1000, update 0, patch 11345, delete 0; 2000 of them Event writes; 0 failed)".</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Total:0} ({string.Join(", ", ByVerb.Select(p => $"{p.Key} {p.Value:0}"))}; {EventWrites:0} of them Event writes, {Failed:0} not 2xx, {EventsDropped:0} Events dropped)");
}
