using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Kubernetes.LeaderElection;

/// <summary>
/// The Lease as a lock: client-go's tryAcquireOrRenew and release, deciding from the local observation whether
/// another holder's lease is still valid. The Lease's resourceVersion settles races: of two writers, one gets 409.
/// Not thread-safe; one elector loop drives it.
/// </summary>
internal sealed class LeaseLock
{
    private readonly ResourceClient<Lease> _leases;
    private readonly LeaderElectionOptions _options;
    private readonly ILogger _logger;

    // The last Lease read or written: its resourceVersion guards the next write.
    private Lease? _lease;

    public LeaseLock(ResourceClient<Lease> leases, LeaderElectionOptions options, ILogger logger)
    {
        _leases = leases;
        _options = options;
        _logger = logger;
        Observation = new LeaseObservation(options.Clock);
    }

    public LeaseObservation Observation { get; }

    private string Namespace => _options.LeaseNamespace;
    private string Name => _options.LeaseName;
    private string Identity => _options.Identity;
    private int LeaseDurationSeconds => (int)_options.LeaseDuration.TotalSeconds;

    /// <summary>One attempt; true when this process holds the Lease afterwards. Failures are logged and answer false.</summary>
    public async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = MicroTimeNow();
        var startedAt = _options.Clock.GetTimestamp();
        if (_lease is not null && Observation.Record is { } mine && Observation.IsHeldBy(Identity) && Observation.IsValid)
        {
            try
            {
                var renewal = mine with { LeaseDurationSeconds = LeaseDurationSeconds, RenewTime = now };
                Remember(await _leases.ReplaceAsync(Apply(_lease, renewal), cancellationToken: cancellationToken).ConfigureAwait(false), startedAt);
                return true;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // A conflict means someone else wrote, anything else may pass: the slow path reads what is there now.
                LeaderElectionLog.FastRenewFailed(_logger, Namespace, Name, e);
            }
        }

        Lease? current;
        try
        {
            current = await _leases.TryGetAsync(Namespace, Name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LeaderElectionLog.AttemptFailed(_logger, Namespace, Name, e);
            return false;
        }

        if (current is null)
        {
            return await CreateAsync(new LeaderElectionRecord(Identity, LeaseDurationSeconds, now, now, 0), startedAt, cancellationToken).ConfigureAwait(false);
        }

        _lease = current;
        var observed = LeaderElectionRecord.Of(current);
        Observation.Observe(observed);
        var heldByMe = Observation.IsHeldBy(Identity);
        if (observed.HolderIdentity.Length > 0 && Observation.IsValid && !heldByMe)
        {
            LeaderElectionLog.HeldByOther(_logger, Namespace, Name, observed.HolderIdentity);
            return false;
        }

        var claim = heldByMe
            ? observed with { LeaseDurationSeconds = LeaseDurationSeconds, RenewTime = now }
            : new LeaderElectionRecord(Identity, LeaseDurationSeconds, now, now, observed.LeaseTransitions + 1);
        try
        {
            Remember(await _leases.ReplaceAsync(Apply(current, claim), cancellationToken: cancellationToken).ConfigureAwait(false), startedAt);
            return true;
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
            LeaderElectionLog.LostRace(_logger, Namespace, Name);
            return false;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LeaderElectionLog.AttemptFailed(_logger, Namespace, Name, e);
            return false;
        }
    }

    /// <summary>
    /// Hands the Lease back when this process holds it: no holder and a one-second duration, so any candidate may take
    /// it at once. True when there is nothing left to release.
    /// </summary>
    public async Task<bool> ReleaseAsync(CancellationToken cancellationToken)
    {
        var lease = _lease;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                if (lease is null || !Observation.IsHeldBy(Identity))
                {
                    return true;
                }

                var now = MicroTimeNow();
                var startedAt = _options.Clock.GetTimestamp();
                var released = new LeaderElectionRecord("", 1, now, now, LeaderElectionRecord.Of(lease).LeaseTransitions);
                try
                {
                    Remember(await _leases.ReplaceAsync(Apply(lease, released), cancellationToken: cancellationToken).ConfigureAwait(false), startedAt);
                    LeaderElectionLog.Released(_logger, Identity, Namespace, Name);
                    return true;
                }
                catch (KubernetesApiException e) when (e.IsConflict && attempt == 1)
                {
                    // Written since our last renewal: read it once more and release only what is still ours.
                    lease = await _leases.TryGetAsync(Namespace, Name, cancellationToken).ConfigureAwait(false);
                    if (lease is not null)
                    {
                        _lease = lease;
                        Observation.Observe(LeaderElectionRecord.Of(lease));
                    }
                }
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LeaderElectionLog.ReleaseFailed(_logger, Identity, Namespace, Name, e);
            return false;
        }
    }

    private async Task<bool> CreateAsync(LeaderElectionRecord record, long startedAt, CancellationToken cancellationToken)
    {
        var lease = new Lease
        {
            Metadata = new ObjectMeta { Name = Name, Namespace = Namespace },
            Spec = record.ApplyTo(null),
        };
        try
        {
            Remember(await _leases.CreateAsync(lease, cancellationToken: cancellationToken).ConfigureAwait(false), startedAt);
            return true;
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists)
        {
            LeaderElectionLog.LostRace(_logger, Namespace, Name);
            return false;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LeaderElectionLog.AttemptFailed(_logger, Namespace, Name, e);
            return false;
        }
    }

    private void Remember(Lease written, long startedAt)
    {
        _lease = written;
        Observation.Wrote(LeaderElectionRecord.Of(written), startedAt);
    }

    private static Lease Apply(Lease lease, LeaderElectionRecord record) => lease with { Spec = record.ApplyTo(lease.Spec) };

    // The server keeps microseconds: writing exactly what comes back keeps our own record equal to what we read later.
    private DateTimeOffset MicroTimeNow()
    {
        var now = _options.Clock.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMicrosecond));
    }
}
