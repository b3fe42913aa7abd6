namespace CanaryFlow.Kubernetes.LeaderElection;

/// <summary>
/// What this candidate last saw in the Lease and when, by its own monotonic clock. Validity is judged only from when
/// the content last changed here, never from the timestamps the holder wrote, so clocks that disagree between
/// machines can neither expire a live leader early nor keep a dead one alive past its lease duration.
/// </summary>
internal sealed class LeaseObservation(TimeProvider clock)
{
    private LeaderElectionRecord? _record;
    private long _observedAt;

    public LeaderElectionRecord? Record => _record;

    /// <summary>The observed holder; empty when nobody holds the Lease or nothing was observed yet.</summary>
    public string HolderIdentity => _record?.HolderIdentity ?? "";

    /// <summary>True while less than the record's leaseDurationSeconds has passed since its content last changed here.</summary>
    public bool IsValid => _record is { } record && clock.GetElapsedTime(_observedAt) < TimeSpan.FromSeconds(record.LeaseDurationSeconds);

    public bool IsHeldBy(string identity) => _record is { } record && record.HolderIdentity.Length > 0 && record.HolderIdentity == identity;

    /// <summary>Takes in a record read from the server; the observation time moves only when the content differs from the last one.</summary>
    public void Observe(LeaderElectionRecord record)
    {
        if (_record != record)
        {
            _record = record;
            _observedAt = clock.GetTimestamp();
        }
    }

    /// <summary>
    /// Takes in a record this process wrote, as of <paramref name="writtenAt"/> (a timestamp of the clock taken before the
    /// write, so the writer never believes its lease lasts longer than others will).
    /// </summary>
    public void Wrote(LeaderElectionRecord record, long writtenAt)
    {
        _record = record;
        _observedAt = writtenAt;
    }
}
