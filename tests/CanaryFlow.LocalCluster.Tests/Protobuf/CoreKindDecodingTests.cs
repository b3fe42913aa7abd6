using CanaryFlow.LocalCluster.Protobuf;
using CanaryFlow.LocalCluster.Tests.Patching;

namespace CanaryFlow.LocalCluster.Tests.Protobuf;

public class CoreKindDecodingTests
{
    [Fact]
    public void Namespace_with_labels()
    {
        var body = ProtoMessage.Envelope("v1", "Namespace", new ProtoMessage()
            .Message(1, ProtoMessage.ObjectMeta("team-a").MapEntry(11, "env", "dev").MapEntry(11, "team", "a"))
            .Message(2, new ProtoMessage().String(1, "kubernetes"))
            .Message(3, new ProtoMessage().String(1, "")));

        JsonAssert.Equal("""
            {"apiVersion": "v1", "kind": "Namespace",
             "metadata": {"name": "team-a", "creationTimestamp": null, "labels": {"env": "dev", "team": "a"}},
             "spec": {"finalizers": ["kubernetes"]},
             "status": {}}
            """, KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void ConfigMap_with_data_lists_fields_in_Go_struct_order()
    {
        var body = ProtoMessage.Envelope("v1", "ConfigMap", new ProtoMessage()
            .Message(1, ProtoMessage.ObjectMeta("settings", "apps"))
            .MapEntry(2, "empty", "")
            .MapEntry(2, "mode", "fast")
            .Bool(4, true));

        JsonAssert.Equal("""
            {"apiVersion": "v1", "kind": "ConfigMap",
             "metadata": {"name": "settings", "namespace": "apps", "creationTimestamp": null},
             "immutable": true,
             "data": {"empty": "", "mode": "fast"}}
            """, KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void Secret_bytes_become_base64_and_type_is_kept()
    {
        var body = ProtoMessage.Envelope("v1", "Secret", new ProtoMessage()
            .Message(1, ProtoMessage.ObjectMeta("db"))
            .MapEntry(2, "blob", [0x00, 0xFF, 0x61])
            .MapEntry(2, "password", "s3cr3t"u8.ToArray())
            .String(3, "Opaque"));

        JsonAssert.Equal("""
            {"apiVersion": "v1", "kind": "Secret",
             "metadata": {"name": "db", "creationTimestamp": null},
             "data": {"blob": "AP9h", "password": "czNjcjN0"},
             "type": "Opaque"}
            """, KubernetesProtobuf.Decode(body));
    }

    [Fact]
    public void Service_ports_with_int_and_string_target_ports_and_a_selector()
    {
        var spec = new ProtoMessage()
            .Message(1, Port("http", 80, new ProtoMessage().Varint(1, 0).Varint(2, 8080).String(3, "")))
            .Message(1, Port("https", 443, new ProtoMessage().Varint(1, 1).Varint(2, 0).String(3, "https")))
            .MapEntry(2, "app", "web")
            .String(3, "")
            .String(4, "ClusterIP")
            .String(7, "")
            .String(8, "")
            .String(10, "")
            .String(11, "")
            .Varint(12, 0)
            .Bool(13, false);
        var body = ProtoMessage.Envelope("v1", "Service", new ProtoMessage()
            .Message(1, ProtoMessage.ObjectMeta("web"))
            .Message(2, spec)
            .Message(3, new ProtoMessage().Message(1, new ProtoMessage())));

        JsonAssert.Equal("""
            {"apiVersion": "v1", "kind": "Service",
             "metadata": {"name": "web", "creationTimestamp": null},
             "spec": {
               "ports": [
                 {"name": "http", "protocol": "TCP", "port": 80, "targetPort": 8080},
                 {"name": "https", "protocol": "TCP", "port": 443, "targetPort": "https"}],
               "selector": {"app": "web"},
               "type": "ClusterIP"},
             "status": {"loadBalancer": {}}}
            """, KubernetesProtobuf.Decode(body));
    }

    private static ProtoMessage Port(string name, int port, ProtoMessage targetPort) => new ProtoMessage()
        .String(1, name).String(2, "TCP").Varint(3, port).Message(4, targetPort).Varint(5, 0);
}
