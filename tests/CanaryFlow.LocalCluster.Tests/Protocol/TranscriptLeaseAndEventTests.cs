using CanaryFlow.LocalCluster.Tests.Infrastructure;
using CanaryFlow.LocalCluster.Tests.Schema;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Replays of the transcript's Lease (MicroTime) and Event (two API versions, one storage) exchanges.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class TranscriptLeaseAndEventTests(LocalClusterFixture cluster) : IAsyncLifetime
{
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await Namespaces.CreateAsync(cluster.Http, "tx");

    public Task DisposeAsync() => Task.CompletedTask;

    private string InNamespace(string body) => body.Replace("\"tx\"", $"\"{_ns}\"", StringComparison.Ordinal);

    [Fact]
    public async Task Lease_with_six_digit_MicroTime_is_created_unchanged()
    {
        var created = await cluster.Http.PostAsync($"/apis/coordination.k8s.io/v1/namespaces/{_ns}/leases", RecordedExchanges.LeaseRequest);

        created.Expect(201);
        TranscriptAssert.Equal(RecordedExchanges.LeaseResponse, created.Body, _ns);
    }

    [Fact]
    public async Task Lease_with_three_digit_MicroTime_is_400()
    {
        var created = await cluster.Http.PostAsync($"/apis/coordination.k8s.io/v1/namespaces/{_ns}/leases", """
            {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {"name": "other"}, "spec": {"holderIdentity": "pod-b", "leaseDurationSeconds": 15, "renewTime": "2026-11-22T08:00:00.000Z"}}
            """);

        created.Expect(400);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Lease in version \"v1\" cannot be handled as a Lease: parsing time \"2026-11-22T08:00:00.000Z\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse \".000Z\" as \".000000\"","reason":"BadRequest","code":400}""",
            created.Body!.Compact());
    }

    [Fact]
    public async Task Leases_allow_unconditional_updates_but_reject_stale_ones()
    {
        var leases = $"/apis/coordination.k8s.io/v1/namespaces/{_ns}/leases";
        var created = (await cluster.Http.PostAsync(leases, RecordedExchanges.LeaseRequest)).Expect(201);
        var renew = """{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"canaryflow-controller"RV},"spec":{"holderIdentity":"pod-a_1","leaseDurationSeconds":15,"renewTime":"2026-11-22T08:00:02.000000Z"}}""";

        var unconditional = await cluster.Http.PutAsync(leases + "/canaryflow-controller", renew.Replace("RV", "", StringComparison.Ordinal));
        var stale = await cluster.Http.PutAsync(leases + "/canaryflow-controller", renew.Replace("RV", $",\"resourceVersion\":\"{created.ResourceVersion()}\"", StringComparison.Ordinal));

        Assert.Equal("2026-11-22T08:00:02.000000Z", unconditional.Expect(200)["spec"]!["renewTime"]!.GetValue<string>());
        Assert.Equal("Conflict", stale.Expect(409)["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Core_events_accept_strategic_merge_patches()
    {
        (await cluster.Http.PostAsync($"/apis/events.k8s.io/v1/namespaces/{_ns}/events", InNamespace(RecordedExchanges.EventsEventRequest))).Expect(201);

        var patched = await cluster.Http.PatchAsync($"/api/v1/namespaces/{_ns}/events/w1.abc123", """{"count":2,"lastTimestamp":"2026-11-22T08:01:00Z"}""", "application/strategic-merge-patch+json");

        Assert.Equal((2, "2026-11-22T08:01:00Z"), (patched.Expect(200)["count"]!.GetValue<int>(), patched.Body!["lastTimestamp"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Events_v1_event_without_its_required_fields_is_422()
    {
        var created = await cluster.Http.PostAsync($"/apis/events.k8s.io/v1/namespaces/{_ns}/events", """
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"e"},"eventTime":"2026-11-22T08:00:00.000000Z","type":"Normal","regarding":{"kind":"Pod","name":"p"}}
            """);

        var causes = created.Expect(422)["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>());
        Assert.Equal(["action", "reason", "reportingController", "reportingInstance"], causes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Events_v1_event_is_created_with_the_deprecated_fields_zeroed()
    {
        var created = await cluster.Http.PostAsync($"/apis/events.k8s.io/v1/namespaces/{_ns}/events", InNamespace(RecordedExchanges.EventsEventRequest));

        created.Expect(201);
        TranscriptAssert.Equal(RecordedExchanges.EventsEventResponse, created.Body, _ns);
    }

    [Fact]
    public async Task Events_v1_event_reads_back_through_core_v1_with_the_fields_mapped()
    {
        (await cluster.Http.PostAsync($"/apis/events.k8s.io/v1/namespaces/{_ns}/events", InNamespace(RecordedExchanges.EventsEventRequest))).Expect(201);

        var core = await cluster.Http.GetRawAsync($"/api/v1/namespaces/{_ns}/events/w1.abc123");

        core.Expect(200);
        TranscriptAssert.Equal(RecordedExchanges.CoreEventResponse, core.Body, _ns);
    }
}
