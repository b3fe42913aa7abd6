using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using CanaryFlow.Kubernetes.LeaderElection;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.Kubernetes.Tests.Infrastructure;
using CanaryFlow.LocalCluster.Faults;

namespace CanaryFlow.Kubernetes.Tests.LeaderElection;

/// <summary>
/// Whole elections against LocalCluster in real time, with short timings (2 s lease, 1.5 s renew deadline, 0.2 s retry
/// period) so that a takeover takes seconds.
/// </summary>
[Collection(LeaderElectionCollection.Name)]
public sealed partial class LeaderElectorTests(ClusterFixture cluster)
{
    private const string _leaseName = "canaryflow-leader";

    private static readonly TimeSpan _leaseDuration = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan _renewDeadline = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan _retryPeriod = TimeSpan.FromSeconds(0.2);

    // Room for scheduling and requests on a busy machine.
    private static readonly TimeSpan _margin = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan _acquireTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_single_candidate_leads_renews_and_releases_the_lease()
    {
        var ns = await cluster.CreateNamespaceAsync();
        await using var solo = NewCandidate(ns, "solo", releaseOnCancel: true);

        solo.Start();
        await solo.Started.WaitAsync(_acquireTimeout);
        Assert.True(solo.IsLeader);
        Assert.Equal("solo", Assert.Single(solo.NewLeaders));
        var first = await RawSpecAsync(ns);
        Assert.Equal("solo", first.GetProperty("holderIdentity").GetString());
        Assert.Equal(2, first.GetProperty("leaseDurationSeconds").GetInt32());
        Assert.Equal(0, first.GetProperty("leaseTransitions").GetInt32());
        Assert.Matches(MicroTime(), first.GetProperty("acquireTime").GetString());
        Assert.Matches(MicroTime(), first.GetProperty("renewTime").GetString());

        await Task.Delay(_retryPeriod * 3);
        var later = await RawSpecAsync(ns);
        Assert.True(Time(later, "renewTime") > Time(first, "renewTime"), "the renew time did not advance");
        Assert.Equal(first.GetProperty("acquireTime").GetString(), later.GetProperty("acquireTime").GetString());
        Assert.Equal(0, later.GetProperty("leaseTransitions").GetInt32());
        Assert.True(solo.IsLeader);

        await solo.StopAsync();
        Assert.False(solo.IsLeader);
        Assert.True(solo.LeadershipToken.IsCancellationRequested);
        Assert.Equal(1, solo.StoppedCount);
        var released = await RawSpecAsync(ns);
        Assert.Equal("", released.GetProperty("holderIdentity").GetString());
        Assert.Equal(1, released.GetProperty("leaseDurationSeconds").GetInt32());
        Assert.Equal(0, released.GetProperty("leaseTransitions").GetInt32());
        Assert.Matches(MicroTime(), released.GetProperty("renewTime").GetString());
    }

    [Fact]
    public async Task When_the_leader_dies_without_releasing_the_other_takes_over_once_the_lease_expires()
    {
        var ns = await cluster.CreateNamespaceAsync();
        await using var a = NewCandidate(ns, "a", releaseOnCancel: false);
        await using var b = NewCandidate(ns, "b", releaseOnCancel: false);
        await using var sampler = new LeadershipSampler(a, b);
        a.Start();
        b.Start();
        var (leader, follower) = await FirstLeaderAsync(a, b);

        // Renewals keep the follower out for several lease durations' worth of its attempts.
        await Task.Delay(_leaseDuration * 0.75);
        Assert.True(leader.IsLeader);
        Assert.False(follower.IsLeader);

        var crash = Stopwatch.StartNew();
        await leader.StopAsync();
        await follower.Started.WaitAsync(_leaseDuration + _acquireTimeout);
        var takeover = crash.Elapsed;

        var (samples, overlaps) = await sampler.StopAsync();
        Assert.Empty(overlaps);
        Assert.True(samples >= 40, $"only {samples} samples");
        Assert.InRange(takeover, _leaseDuration - (_retryPeriod * 2), _leaseDuration + (_retryPeriod * 2.2) + _margin);
        Assert.Equal(1, leader.StoppedCount);
        Assert.Equal([leader.Identity, follower.Identity], follower.NewLeaders.ToArray());
        var spec = await RawSpecAsync(ns);
        Assert.Equal(follower.Identity, spec.GetProperty("holderIdentity").GetString());
        Assert.Equal(1, spec.GetProperty("leaseTransitions").GetInt32());
    }

    [Fact]
    public async Task When_the_leader_shuts_down_and_releases_the_other_takes_over_at_once()
    {
        var ns = await cluster.CreateNamespaceAsync();
        await using var a = NewCandidate(ns, "a", releaseOnCancel: true);
        await using var b = NewCandidate(ns, "b", releaseOnCancel: true);
        await using var sampler = new LeadershipSampler(a, b);
        a.Start();
        b.Start();
        var (leader, follower) = await FirstLeaderAsync(a, b);
        await Task.Delay(_retryPeriod * 3);

        var shutdown = Stopwatch.StartNew();
        await leader.StopAsync();
        await follower.Started.WaitAsync(_acquireTimeout);
        var takeover = shutdown.Elapsed;

        var (_, overlaps) = await sampler.StopAsync();
        Assert.Empty(overlaps);
        Assert.True(takeover < (_retryPeriod * 2.2) + _margin, $"took over after {takeover}");
        Assert.True(leader.LeadershipToken.IsCancellationRequested);
        var spec = await RawSpecAsync(ns);
        Assert.Equal(follower.Identity, spec.GetProperty("holderIdentity").GetString());
        Assert.Equal(1, spec.GetProperty("leaseTransitions").GetInt32());
    }

    [Fact]
    public async Task A_leader_that_cannot_renew_within_the_renew_deadline_stops_leading_and_the_lease_is_won_again_once_writes_work()
    {
        var ns = await cluster.CreateNamespaceAsync();
        await using var a = NewCandidate(ns, "a", releaseOnCancel: true);
        await using var b = NewCandidate(ns, "b", releaseOnCancel: true);
        await using var sampler = new LeadershipSampler(a, b);
        a.Start();
        b.Start();
        var (leader, follower) = await FirstLeaderAsync(a, b);
        await Task.Delay(_retryPeriod * 3);

        cluster.Server.Faults.Set(new FaultRule { Verb = "update", Resource = "leases", InternalErrorProbability = 1 });
        try
        {
            var failing = Stopwatch.StartNew();
            await leader.Stopped.WaitAsync(_renewDeadline + _acquireTimeout);
            var stoppedAfter = failing.Elapsed;

            Assert.InRange(stoppedAfter, _renewDeadline - _retryPeriod, _renewDeadline + _retryPeriod + _margin);
            Assert.False(leader.IsLeader);
            Assert.True(leader.LeadershipToken.IsCancellationRequested);
            await leader.Running.WaitAsync(_acquireTimeout);
            Assert.Equal(1, leader.StoppedCount);
            Assert.False(follower.IsLeader);
        }
        finally
        {
            cluster.Server.Faults.Clear();
        }

        // The process that gave up starts over (as a restarted pod would); whoever wins, one leads.
        leader.Start();
        await Task.WhenAny(leader.Started, follower.Started).WaitAsync(_leaseDuration + _acquireTimeout);
        var (_, overlaps) = await sampler.StopAsync();
        Assert.Empty(overlaps);
        Assert.Single(new[] { a, b }, c => c.IsLeader);
    }

    [Fact]
    public async Task Leader_work_that_fails_ends_leadership_releases_the_lease_and_surfaces_the_error()
    {
        var ns = await cluster.CreateNamespaceAsync();
        var stopped = 0;
        var elector = new LeaderElector(cluster.Client, Options(ns, "fragile", releaseOnCancel: true), new LeaderCallbacks
        {
            OnStartedLeading = async token =>
            {
                await Task.Delay(_retryPeriod * 2, token);
                throw new InvalidOperationException("reconciler crashed");
            },
            OnStoppedLeading = () => Interlocked.Increment(ref stopped),
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => elector.RunAsync(CancellationToken.None).WaitAsync(_acquireTimeout));

        Assert.Equal("reconciler crashed", error.Message);
        Assert.False(elector.IsLeader);
        Assert.Equal(1, stopped);
        var spec = await RawSpecAsync(ns);
        Assert.Equal("", spec.GetProperty("holderIdentity").GetString());
    }

    [Fact]
    public async Task An_elector_runs_once_at_a_time()
    {
        var ns = await cluster.CreateNamespaceAsync();
        await using var solo = NewCandidate(ns, "solo", releaseOnCancel: true);
        solo.Start();
        await solo.Started.WaitAsync(_acquireTimeout);

        await Assert.ThrowsAsync<InvalidOperationException>(() => solo.Elector.RunAsync(CancellationToken.None));
        Assert.True(solo.IsLeader);
    }

    private Candidate NewCandidate(string ns, string identity, bool releaseOnCancel) => new(cluster.Connection, Options(ns, identity, releaseOnCancel));

    private static LeaderElectionOptions Options(string ns, string identity, bool releaseOnCancel) =>
        new()
        {
            LeaseNamespace = ns,
            LeaseName = _leaseName,
            Identity = identity,
            LeaseDuration = _leaseDuration,
            RenewDeadline = _renewDeadline,
            RetryPeriod = _retryPeriod,
            ReleaseOnCancel = releaseOnCancel,
        };

    private static async Task<(Candidate Leader, Candidate Follower)> FirstLeaderAsync(Candidate a, Candidate b)
    {
        await Task.WhenAny(a.Started, b.Started).WaitAsync(_acquireTimeout);
        return a.Started.IsCompleted ? (a, b) : (b, a);
    }

    private Task<JsonElement> RawSpecAsync(string ns) => RawLease.SpecAsync(cluster.Client, ns, _leaseName);

    private static DateTimeOffset Time(JsonElement spec, string field) =>
        KubernetesTime.TryParseMicro(spec.GetProperty(field).GetString(), out var time) ? time : throw new FormatException($"{field} is not a MicroTime");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")]
    private static partial Regex MicroTime();
}
