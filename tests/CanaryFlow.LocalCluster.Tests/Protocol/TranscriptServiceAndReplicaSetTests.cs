using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using CanaryFlow.LocalCluster.Tests.Schema;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Replays of the transcript's Service and ReplicaSet exchanges: server defaults, strategic merge, validation.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class TranscriptServiceAndReplicaSetTests(LocalClusterFixture cluster) : IAsyncLifetime
{
    private const string _recordedClusterIp = "10.0.116.71";
    private string _ns = "";

    public async Task InitializeAsync() => _ns = await Namespaces.CreateAsync(cluster.Http, "tx");

    public Task DisposeAsync() => Task.CompletedTask;

    private string InNamespace(string body) => body.Replace("\"tx\"", $"\"{_ns}\"", StringComparison.Ordinal);

    /// <summary>Checks the allocated cluster IP, then puts the recorded one in its place so the rest compares exactly.</summary>
    private static JsonNode WithRecordedClusterIp(JsonNode service)
    {
        var copy = service.DeepClone();
        var spec = copy["spec"]!;
        var allocated = spec["clusterIP"]!.GetValue<string>();
        Assert.Matches(@"^10\.\d{1,3}\.\d{1,3}\.\d{1,3}$", allocated);
        Assert.Equal($"[\"{allocated}\"]", spec["clusterIPs"]!.Compact());
        spec["clusterIP"] = _recordedClusterIp;
        spec["clusterIPs"] = new JsonArray(_recordedClusterIp);
        return copy;
    }

    [Fact]
    public async Task Service_create_fills_in_the_server_defaults()
    {
        var created = await cluster.Http.PostAsync($"/api/v1/namespaces/{_ns}/services", InNamespace(RecordedExchanges.ServiceRequest));

        created.Expect(201);
        TranscriptAssert.Equal(RecordedExchanges.ServiceResponse, WithRecordedClusterIp(created.Body!), _ns);
    }

    [Fact]
    public async Task Service_strategic_merge_patch_merges_ports_by_port_and_selector_by_key()
    {
        var created = await cluster.Http.PostAsync($"/api/v1/namespaces/{_ns}/services", InNamespace(RecordedExchanges.ServiceRequest));
        created.Expect(201);

        var patched = await cluster.Http.PatchAsync(
            $"/api/v1/namespaces/{_ns}/services/s1",
            """{"spec": {"ports": [{"name": "metrics", "port": 9090, "targetPort": 9090}], "selector": {"rollouts-pod-template-hash": "abc123"}}}""",
            "application/strategic-merge-patch+json");

        patched.Expect(200);
        Assert.Equal(created.Body!["spec"]!["clusterIP"]!.GetValue<string>(), patched.Body!["spec"]!["clusterIP"]!.GetValue<string>());
        TranscriptAssert.Equal("""
            {"kind": "Service", "apiVersion": "v1", "metadata": {"name": "s1", "namespace": "tx", "uid": "c59a168f-4fc5-46d9-bf0a-65b554675d57", "resourceVersion": "499", "creationTimestamp": "2026-11-22T08:22:03Z"},
             "spec": {"ports": [{"name": "metrics", "protocol": "TCP", "port": 9090, "targetPort": 9090}, {"name": "http", "protocol": "TCP", "port": 80, "targetPort": 8080}],
                      "selector": {"app": "s1", "rollouts-pod-template-hash": "abc123"}, "clusterIP": "10.0.116.71", "clusterIPs": ["10.0.116.71"], "type": "ClusterIP", "sessionAffinity": "None",
                      "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack", "internalTrafficPolicy": "Cluster"},
             "status": {"loadBalancer": {}}}
            """, WithRecordedClusterIp(patched.Body!), _ns);
    }

    [Fact]
    public async Task ReplicaSet_create_fills_in_the_template_defaults()
    {
        var created = await cluster.Http.PostAsync($"/apis/apps/v1/namespaces/{_ns}/replicasets", InNamespace(RecordedExchanges.ReplicaSetRequest));

        created.Expect(201);
        TranscriptAssert.Equal(RecordedExchanges.ReplicaSetResponse, created.Body, _ns);
    }

    [Fact]
    public async Task ReplicaSet_whose_selector_does_not_match_the_template_is_422()
    {
        var created = await cluster.Http.PostAsync($"/apis/apps/v1/namespaces/{_ns}/replicasets", InNamespace("""
            {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "bad", "namespace": "tx"}, "spec": {"replicas": 0, "selector": {"matchLabels": {"app": "other"}}, "template": {"metadata": {"labels": {"app": "web", "rollouts-pod-template-hash": "abc123"}}, "spec": {"containers": [{"name": "web", "image": "registry.example.com/web:1.0"}]}}}}
            """));

        created.Expect(422);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"ReplicaSet.apps \"bad\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\", \"rollouts-pod-template-hash\":\"abc123\"}: `selector` does not match template `labels`","reason":"Invalid","details":{"name":"bad","group":"apps","kind":"ReplicaSet","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: map[string]string{\"app\":\"web\", \"rollouts-pod-template-hash\":\"abc123\"}: `selector` does not match template `labels`","field":"spec.template.metadata.labels"}]},"code":422}""",
            created.Body!.Compact());
    }
}
