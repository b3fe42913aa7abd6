using System.Globalization;

namespace CanaryFlow.Kubernetes.LeaderElection;

/// <summary>
/// Which Lease to compete for, as whom, and the timing of client-go's leader election (core components' defaults:
/// 15 s lease, 10 s renew deadline, 2 s retry period).
/// </summary>
public sealed record LeaderElectionOptions
{
    /// <summary>client-go's JitterFactor: acquisition attempts are spaced by RetryPeriod × [1, 1 + this).</summary>
    public const double JitterFactor = 1.2;

    public required string LeaseNamespace { get; init; }

    public required string LeaseName { get; init; }

    /// <summary>Unique per process (two processes with one identity would both believe they lead); see <see cref="NewIdentity"/>.</summary>
    public required string Identity { get; init; }

    /// <summary>
    /// How long others wait, from the moment they last saw the Lease change, before taking it over. Written to the
    /// Lease as whole seconds, so it must be a whole number of seconds.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the leader keeps retrying a failed renewal before it stops leading.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The pause between attempts to acquire (with jitter) and between renewals.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Hand the Lease back when the run is cancelled, so another candidate takes over at once instead of after <see cref="LeaseDuration"/>.</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary><c>&lt;hostname&gt;_&lt;uuid&gt;</c>: the pod name in a cluster, made unique across restarts of the same pod.</summary>
    public static string NewIdentity() => $"{Environment.MachineName.ToLowerInvariant()}_{Guid.NewGuid():D}";

    /// <summary>Throws <see cref="ArgumentException"/> unless the settings can work: LeaseDuration &gt; RenewDeadline &gt; 1.2 × RetryPeriod.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(LeaseNamespace), nameof(LeaseNamespace), "the Lease's namespace is required");
        Require(!string.IsNullOrWhiteSpace(LeaseName), nameof(LeaseName), "the Lease's name is required");
        Require(!string.IsNullOrWhiteSpace(Identity), nameof(Identity), "an identity unique to this process is required");
        Require(Clock is not null, nameof(Clock), "a clock is required");
        Require(RetryPeriod > TimeSpan.Zero, nameof(RetryPeriod), $"RetryPeriod ({Show(RetryPeriod)}) must be positive");
        Require(
            LeaseDuration >= TimeSpan.FromSeconds(1) && LeaseDuration.Ticks % TimeSpan.TicksPerSecond == 0 && LeaseDuration.TotalSeconds <= int.MaxValue,
            nameof(LeaseDuration),
            $"LeaseDuration ({Show(LeaseDuration)}) must be a whole number of seconds, at least 1 (the Lease stores leaseDurationSeconds)");
        Require(
            LeaseDuration > RenewDeadline,
            nameof(LeaseDuration),
            $"LeaseDuration ({Show(LeaseDuration)}) must be greater than RenewDeadline ({Show(RenewDeadline)}): a leader must give up before others may take over");
        Require(
            RenewDeadline > RetryPeriod * JitterFactor,
            nameof(RenewDeadline),
            $"RenewDeadline ({Show(RenewDeadline)}) must be greater than {JitterFactor.ToString(CultureInfo.InvariantCulture)} × RetryPeriod ({Show(RetryPeriod)}): a leader must get more than one renewal attempt");
    }

    private static void Require(bool condition, string parameter, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"invalid leader election options: {message}", parameter);
        }
    }

    private static string Show(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
