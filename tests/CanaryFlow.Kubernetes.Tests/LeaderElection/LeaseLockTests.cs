using System.Collections.Concurrent;
using System.Text.Json;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.LeaderElection;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Tests.Infrastructure;
using CanaryFlow.LocalCluster.Faults;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CanaryFlow.Kubernetes.Tests.LeaderElection;

/// <summary>
/// client-go's tryAcquireOrRenew and release step by step, against LocalCluster, with each candidate on its own fake
/// clock: the server never interprets Lease times, so the clocks may disagree by decades, as real ones may by seconds.
/// </summary>
[Collection(LeaderElectionCollection.Name)]
public sealed class LeaseLockTests(ClusterFixture cluster)
{
    private const string _leaseName = "lock";

    private ResourceClient<Lease> Leases => cluster.Client.Resource<Lease>(ResourceTypes.Leases);

    [Fact]
    public async Task The_first_candidate_creates_the_lease_with_micro_times()
    {
        var ns = await cluster.CreateNamespaceAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_567));
        var a = Lock(ns, "a", clock);

        Assert.True(await a.TryAcquireOrRenewAsync(CancellationToken.None));

        var spec = await RawSpecAsync(ns);
        Assert.Equal("a", spec.GetProperty("holderIdentity").GetString());
        Assert.Equal(15, spec.GetProperty("leaseDurationSeconds").GetInt32());
        Assert.Equal("2030-01-02T03:04:05.123456Z", spec.GetProperty("acquireTime").GetString());
        Assert.Equal("2030-01-02T03:04:05.123456Z", spec.GetProperty("renewTime").GetString());
        Assert.Equal(0, spec.GetProperty("leaseTransitions").GetInt32());
    }

    [Fact]
    public async Task Another_holder_s_lease_lasts_its_duration_from_each_change_seen_here_whatever_its_clock_says()
    {
        var ns = await cluster.CreateNamespaceAsync();
        var holderClock = new FakeTimeProvider(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var holder = Lock(ns, "holder", holderClock);
        var candidate = Lock(ns, "candidate", clock);
        Assert.True(await holder.TryAcquireOrRenewAsync(CancellationToken.None));

        // The holder's renewTime is 29 years before the candidate's now, yet the lease is fresh: it just appeared.
        Assert.False(await candidate.TryAcquireOrRenewAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(14));
        Assert.False(await candidate.TryAcquireOrRenewAsync(CancellationToken.None));

        holderClock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await holder.TryAcquireOrRenewAsync(CancellationToken.None));
        Assert.False(await candidate.TryAcquireOrRenewAsync(CancellationToken.None));

        // Past the first expiry, but within 15 s of the renewal the candidate saw.
        clock.Advance(TimeSpan.FromSeconds(14.9));
        Assert.False(await candidate.TryAcquireOrRenewAsync(CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(await candidate.TryAcquireOrRenewAsync(CancellationToken.None));
        var lease = await Leases.GetAsync(ns, _leaseName);
        Assert.Equal("candidate", lease.Spec!.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);
        Assert.Equal(clock.GetUtcNow(), lease.Spec.AcquireTime);
        Assert.Equal(clock.GetUtcNow(), lease.Spec.RenewTime);

        // The old holder finds it taken and stays out.
        Assert.False(await holder.TryAcquireOrRenewAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Renewing_keeps_the_acquire_time_and_transitions_and_needs_no_read()
    {
        var ns = await cluster.CreateNamespaceAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var a = Lock(ns, "a", clock);
        Assert.True(await a.TryAcquireOrRenewAsync(CancellationToken.None));
        var acquired = await Leases.GetAsync(ns, _leaseName);

        clock.Advance(TimeSpan.FromSeconds(2));
        cluster.Server.Faults.Set(new FaultRule { Verb = "get", Resource = "leases", InternalErrorProbability = 1 });
        try
        {
            Assert.True(await a.TryAcquireOrRenewAsync(CancellationToken.None));
        }
        finally
        {
            cluster.Server.Faults.Clear();
        }

        var renewed = await Leases.GetAsync(ns, _leaseName);
        Assert.Equal(acquired.Spec!.AcquireTime, renewed.Spec!.AcquireTime);
        Assert.Equal(acquired.Spec.RenewTime!.Value.AddSeconds(2), renewed.Spec.RenewTime);
        Assert.Equal(0, renewed.Spec.LeaseTransitions);
        Assert.NotEqual(acquired.Metadata.ResourceVersion, renewed.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Of_two_candidates_writing_the_same_version_one_gets_a_conflict_and_fails_the_round()
    {
        var ns = await cluster.CreateNamespaceAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var first = Lock(ns, "first", clock);
        Assert.True(await first.TryAcquireOrRenewAsync(CancellationToken.None));
        Assert.True(await first.ReleaseAsync(CancellationToken.None));

        // Both read the released lease before either write lands.
        var requests = new ConcurrentQueue<ApiRequestRecord>();
        using var observed = new KubernetesClient(cluster.Connection, new KubernetesClientOptions { RequestCompleted = requests.Enqueue });
        var leases = observed.Resource<Lease>(ResourceTypes.Leases);
        cluster.Server.Faults.Set(new FaultRule { Verb = "update", Resource = "leases", SlowProbability = 1, Delay = TimeSpan.FromMilliseconds(300) });
        bool[] results;
        try
        {
            results = await Task.WhenAll(Lock(leases, ns, "b", clock).TryAcquireOrRenewAsync(CancellationToken.None), Lock(leases, ns, "c", clock).TryAcquireOrRenewAsync(CancellationToken.None));
        }
        finally
        {
            cluster.Server.Faults.Clear();
        }

        Assert.Single(results, r => r);
        Assert.Equal([200, 409], requests.Where(r => r.Verb == "update").Select(r => r.StatusCode).Order().ToArray());
        var lease = await Leases.GetAsync(ns, _leaseName);
        Assert.Equal(results[0] ? "b" : "c", lease.Spec!.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);
    }

    [Fact]
    public async Task Releasing_empties_the_holder_so_the_next_candidate_takes_over_at_once()
    {
        var ns = await cluster.CreateNamespaceAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var a = Lock(ns, "a", clock);
        var b = Lock(ns, "b", clock);
        Assert.True(await a.TryAcquireOrRenewAsync(CancellationToken.None));
        Assert.False(await b.TryAcquireOrRenewAsync(CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.True(await a.ReleaseAsync(CancellationToken.None));

        var spec = await RawSpecAsync(ns);
        Assert.Equal("", spec.GetProperty("holderIdentity").GetString());
        Assert.Equal(1, spec.GetProperty("leaseDurationSeconds").GetInt32());
        Assert.Equal("2030-01-01T00:00:03.000000Z", spec.GetProperty("acquireTime").GetString());
        Assert.Equal("2030-01-01T00:00:03.000000Z", spec.GetProperty("renewTime").GetString());
        Assert.Equal(0, spec.GetProperty("leaseTransitions").GetInt32());

        Assert.True(await b.TryAcquireOrRenewAsync(CancellationToken.None));
        var lease = await Leases.GetAsync(ns, _leaseName);
        Assert.Equal("b", lease.Spec!.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);
    }

    [Fact]
    public async Task Releasing_after_someone_else_wrote_reads_again_and_releases_what_is_still_ours()
    {
        var ns = await cluster.CreateNamespaceAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var a = Lock(ns, "a", clock);
        Assert.True(await a.TryAcquireOrRenewAsync(CancellationToken.None));
        var lease = await Leases.GetAsync(ns, _leaseName);
        await Leases.ReplaceAsync(lease with { Metadata = lease.Metadata with { Labels = new Dictionary<string, string> { ["touched"] = "yes" } } });

        Assert.True(await a.ReleaseAsync(CancellationToken.None));

        var released = await Leases.GetAsync(ns, _leaseName);
        Assert.Equal("", released.Spec!.HolderIdentity);
        Assert.Equal("yes", released.Metadata.Labels!["touched"]);
    }

    [Fact]
    public async Task Releasing_a_lease_held_by_someone_else_writes_nothing()
    {
        var ns = await cluster.CreateNamespaceAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var a = Lock(ns, "a", clock);
        var b = Lock(ns, "b", clock);
        Assert.True(await a.TryAcquireOrRenewAsync(CancellationToken.None));
        Assert.False(await b.TryAcquireOrRenewAsync(CancellationToken.None));
        var before = await Leases.GetAsync(ns, _leaseName);

        Assert.True(await b.ReleaseAsync(CancellationToken.None));

        Assert.Equal(before.Metadata.ResourceVersion, (await Leases.GetAsync(ns, _leaseName)).Metadata.ResourceVersion);
    }

    private LeaseLock Lock(string ns, string identity, TimeProvider clock) => Lock(Leases, ns, identity, clock);

    private static LeaseLock Lock(ResourceClient<Lease> leases, string ns, string identity, TimeProvider clock) =>
        new(leases, new LeaderElectionOptions { LeaseNamespace = ns, LeaseName = _leaseName, Identity = identity, Clock = clock }, NullLogger.Instance);

    private Task<JsonElement> RawSpecAsync(string ns) => RawLease.SpecAsync(cluster.Client, ns, _leaseName);
}
