using CanaryFlow.LocalCluster.Protobuf;
using CanaryFlow.LocalCluster.Tests.Patching;

namespace CanaryFlow.LocalCluster.Tests.Protobuf;

public class SpecialEncodingTests
{
    private const long _goZeroTimeSeconds = -62135596800;

    [Fact]
    public void Times_are_RFC3339_seconds_in_UTC_and_the_zero_time_is_null()
    {
        var meta = new ProtoMessage()
            .String(1, "demo")
            .Message(8, new ProtoMessage().Varint(1, 1767366245).Varint(2, 0))
            .Message(9, new ProtoMessage().Varint(1, 1767366245).Varint(2, 999_999_999))
            .Varint(10, 30);

        var json = Decode("v1", "Namespace", new ProtoMessage().Message(1, meta));

        JsonAssert.Equal("""
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "demo",
             "creationTimestamp": "2026-01-02T15:04:05Z", "deletionTimestamp": "2026-01-02T15:04:05Z", "deletionGracePeriodSeconds": 30}}
            """, json);
    }

    [Fact]
    public void Go_zero_time_written_with_seconds_is_null_too()
    {
        var meta = new ProtoMessage().String(1, "demo").Message(8, new ProtoMessage().Varint(1, _goZeroTimeSeconds).Varint(2, 0));

        var json = Decode("v1", "Namespace", new ProtoMessage().Message(1, meta));

        JsonAssert.Equal("""{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "demo", "creationTimestamp": null}}""", json);
    }

    [Fact]
    public void Pointer_fields_keep_zero_values_that_are_present_and_omit_zero_fields_drop_them()
    {
        var spec = new ProtoMessage()
            .Varint(1, 0)
            .Varint(5, 0)
            .Varint(6, 0)
            .Bool(7, false)
            .Message(4, new ProtoMessage().String(1, ""));

        var json = Decode("apps/v1", "Deployment", new ProtoMessage().Message(2, spec));

        JsonAssert.Equal("""
            {"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"replicas": 0, "strategy": {}, "revisionHistoryLimit": 0}}
            """, json);
    }

    [Fact]
    public void Present_empty_strings_are_kept_for_fields_without_omitempty()
    {
        var body = new ProtoMessage()
            .Message(1, new ProtoMessage().String(1, "web").Message(13, new ProtoMessage()
                .String(5, "apps/v1").String(1, "ReplicaSet").String(3, "").String(4, "u-1").Bool(6, true)))
            .Message(2, new ProtoMessage().String(17, "").Bool(20, false));

        var json = Decode("v1", "Service", body);

        JsonAssert.Equal("""
            {"apiVersion": "v1", "kind": "Service",
             "metadata": {"name": "web", "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "", "uid": "u-1", "controller": true}]},
             "spec": {"ipFamilyPolicy": "", "allocateLoadBalancerNodePorts": false}}
            """, json);
    }

    [Fact]
    public void Repeated_int64_is_read_packed_and_unpacked()
    {
        var securityContext = new ProtoMessage()
            .Varint(4, 1000)
            .Raw(0x22, 0x03, 0xD0, 0x0F, 0x07)
            .Varint(2, -1);
        var template = new ProtoMessage().Message(2, new ProtoMessage().Message(14, securityContext));

        var json = Decode("apps/v1", "Deployment", new ProtoMessage().Message(2, new ProtoMessage().Message(3, template)));

        JsonAssert.Equal("""
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "spec": {"template": {"spec": {"securityContext": {"runAsUser": -1, "supplementalGroups": [1000, 2000, 7]}}}}}
            """, json);
    }

    [Fact]
    public void Resource_quantities_become_strings_and_a_missing_one_is_zero()
    {
        var resources = new ProtoMessage()
            .Message(1, new ProtoMessage().String(1, "cpu").Message(2, new ProtoMessage().String(1, "500m")))
            .Message(1, new ProtoMessage().String(1, "memory").Message(2, new ProtoMessage().String(1, "128Mi")))
            .Message(2, new ProtoMessage().String(1, "cpu").Message(2, new ProtoMessage()))
            .Message(2, new ProtoMessage().String(1, "memory"));
        var container = new ProtoMessage().String(1, "app").Message(8, resources)
            .Message(7, new ProtoMessage().String(1, "MODE").String(2, "test"))
            .Message(7, new ProtoMessage().String(1, "EMPTY").String(2, ""));
        var template = new ProtoMessage().Message(2, new ProtoMessage().Message(20, container));

        var json = Decode("apps/v1", "Deployment", new ProtoMessage().Message(2, new ProtoMessage().Message(3, template)));

        JsonAssert.Equal("""
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "spec": {"template": {"spec": {"initContainers": [{"name": "app",
               "env": [{"name": "MODE", "value": "test"}, {"name": "EMPTY"}],
               "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": "0", "memory": "0"}}}]}}}}
            """, json);
    }

    [Fact]
    public void A_zero_int_target_port_is_unset_but_an_empty_string_one_is_kept()
    {
        var spec = new ProtoMessage()
            .Message(1, new ProtoMessage().Varint(3, 80).Message(4, new ProtoMessage().Varint(1, 0).Varint(2, 0).String(3, "")))
            .Message(1, new ProtoMessage().Varint(3, 81).Message(4, new ProtoMessage().Varint(1, 1).String(3, "")));

        var json = Decode("v1", "Service", new ProtoMessage().Message(2, spec));

        JsonAssert.Equal("""
            {"apiVersion": "v1", "kind": "Service", "spec": {"ports": [{"port": 80}, {"port": 81, "targetPort": ""}]}}
            """, json);
    }

    [Fact]
    public void An_IntOrString_of_unknown_type_is_rejected()
    {
        var strategy = new ProtoMessage().Message(2, new ProtoMessage().Message(2, new ProtoMessage().Varint(1, 2)));

        var e = Assert.Throws<ProtobufDecodeException>(() =>
            Decode("apps/v1", "Deployment", new ProtoMessage().Message(2, new ProtoMessage().Message(4, strategy))));

        Assert.Equal("malformed protobuf in IntOrString at spec.strategy.rollingUpdate.maxSurge: type 2 is neither 0 (int) nor 1 (string)", e.Message);
    }

    private static System.Text.Json.Nodes.JsonObject Decode(string apiVersion, string kind, ProtoMessage obj) =>
        KubernetesProtobuf.Decode(ProtoMessage.Envelope(apiVersion, kind, obj));
}
