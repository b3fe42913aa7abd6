using System.Text;
using CanaryFlow.LocalCluster.Protobuf;

namespace CanaryFlow.LocalCluster.Tests.Protobuf;

public class DecodeErrorTests
{
    [Fact]
    public void A_body_without_the_magic_is_rejected_and_its_first_bytes_are_shown()
    {
        var e = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode("""{"kind":"Namespace"}"""u8));

        Assert.Equal("the body is not Kubernetes protobuf: it must start with the 4-byte magic 6B387300 (\"k8s\\0\") but starts with 7B226B69", e.Message);
    }

    [Fact]
    public void An_empty_body_is_rejected()
    {
        var e = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode([]));

        Assert.EndsWith("but starts with nothing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_varint_names_the_message_it_is_in()
    {
        var body = ProtoMessage.Envelope("v1", "Namespace", new ProtoMessage().Bytes(1, [0x0A, 0x01, 0x61, 0x38, 0x80]));

        var e = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.Equal("malformed protobuf in ObjectMeta at metadata: truncated varint at byte 4", e.Message);
    }

    [Fact]
    public void A_truncated_envelope_is_rejected()
    {
        var body = ProtoMessage.Envelope("v1", "Namespace", new ProtoMessage().Message(1, ProtoMessage.ObjectMeta("demo")));

        var e = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body.AsSpan(0, body.Length - 12)));

        Assert.StartsWith("malformed protobuf in runtime.Unknown:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_field_number_names_the_message_and_the_field()
    {
        var meta = ProtoMessage.ObjectMeta("demo").String(99, "surprise");
        var body = ProtoMessage.Envelope("v1", "Namespace", new ProtoMessage().Message(1, meta));

        var e = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.Equal("LocalCluster cannot decode field 99 of protobuf message ObjectMeta at metadata: the field is unknown to its decoder; send JSON", e.Message);
    }

    [Fact]
    public void Fields_left_out_of_a_table_fail_instead_of_vanishing()
    {
        var podSpec = new ProtoMessage().Message(1, new ProtoMessage().String(1, "data"));
        var template = new ProtoMessage().Message(2, podSpec);
        var body = ProtoMessage.Envelope("apps/v1", "Deployment", new ProtoMessage().Message(2, new ProtoMessage().Message(3, template)));

        var e = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.Equal("LocalCluster cannot decode field 1 of protobuf message PodSpec at spec.template.spec: the field is unknown to its decoder; send JSON", e.Message);
    }

    [Fact]
    public void An_unknown_field_in_a_map_entry_is_rejected()
    {
        var meta = ProtoMessage.ObjectMeta("demo").Message(11, new ProtoMessage().String(1, "a").String(2, "b").Varint(3, 1));
        var body = ProtoMessage.Envelope("v1", "Namespace", new ProtoMessage().Message(1, meta));

        var e = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.Equal("LocalCluster cannot decode field 3 of protobuf message ObjectMeta.labels entry at metadata.labels: the field is unknown to its decoder; send JSON", e.Message);
    }

    [Fact]
    public void Managed_fields_are_rejected()
    {
        var meta = ProtoMessage.ObjectMeta("demo").Message(17, new ProtoMessage().String(1, "kubectl"));
        var body = ProtoMessage.Envelope("v1", "ConfigMap", new ProtoMessage().Message(1, meta));

        var e = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.Contains("field 17 of protobuf message ObjectMeta at metadata", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apps/v1", "StatefulSet")]
    [InlineData("v1", "Pod")]
    [InlineData("v2", "Namespace")]
    public void Unsupported_kinds_are_named(string apiVersion, string kind)
    {
        var body = ProtoMessage.Envelope(apiVersion, kind, new ProtoMessage().Message(1, ProtoMessage.ObjectMeta("x")));

        var e = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.Equal($"LocalCluster cannot decode protobuf for {apiVersion} {kind}; send JSON", e.Message);
    }

    [Fact]
    public void A_field_with_the_wrong_wire_type_is_rejected()
    {
        var body = ProtoMessage.Envelope("v1", "Namespace", new ProtoMessage().Message(1, new ProtoMessage().Varint(1, 5)));

        var e = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.Equal("malformed protobuf in ObjectMeta at metadata.name: field 1 has wire type Varint, expected LengthDelimited", e.Message);
    }

    [Fact]
    public void A_repeated_singular_field_is_rejected()
    {
        var body = ProtoMessage.Envelope("v1", "Namespace", new ProtoMessage().Message(1, new ProtoMessage().String(1, "a").String(1, "b")));

        var e = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.Equal("malformed protobuf in ObjectMeta at metadata: field 1 (name) appears more than once", e.Message);
    }

    [Fact]
    public void A_group_inside_an_object_is_rejected()
    {
        var body = ProtoMessage.Envelope("v1", "Namespace", new ProtoMessage().Raw(0x0B, 0x0C));

        var e = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.Equal("malformed protobuf in Namespace: field 1 at byte 0 uses a group (wire type 3), which Kubernetes never sends", e.Message);
    }

    [Fact]
    public void An_envelope_without_type_metadata_is_rejected()
    {
        byte[] body = [.. "k8s\0"u8, .. new ProtoMessage().Message(2, new ProtoMessage()).ToArray()];

        var e = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.Equal("the Kubernetes protobuf envelope does not name the object's apiVersion and kind", e.Message);
    }

    [Fact]
    public void An_encoded_or_foreign_payload_is_rejected()
    {
        var typeMeta = new ProtoMessage().String(1, "v1").String(2, "Namespace");
        byte[] gzip = [.. "k8s\0"u8, .. new ProtoMessage().Message(1, typeMeta).Message(2, new ProtoMessage()).String(3, "gzip").ToArray()];
        byte[] json = [.. "k8s\0"u8, .. new ProtoMessage().Message(1, typeMeta).Bytes(2, Encoding.UTF8.GetBytes("{}")).String(4, "application/json").ToArray()];

        Assert.Equal("LocalCluster cannot decode protobuf with content encoding \"gzip\"; send JSON",
            Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(gzip)).Message);
        Assert.Equal("LocalCluster cannot decode a protobuf envelope around \"application/json\" content; send JSON",
            Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(json)).Message);
    }
}
