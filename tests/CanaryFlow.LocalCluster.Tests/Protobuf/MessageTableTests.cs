using CanaryFlow.LocalCluster.Protobuf;
using CanaryFlow.LocalCluster.Protobuf.Messages;

namespace CanaryFlow.LocalCluster.Tests.Protobuf;

public class MessageTableTests
{
    [Fact]
    public void Every_decodable_kind_has_a_table_with_metadata_first()
    {
        (string, string)[] expected = [("v1", "Namespace"), ("v1", "ConfigMap"), ("v1", "Secret"), ("v1", "Service"), ("apps/v1", "Deployment")];
        Assert.Equal(expected.Order(), DecodableKinds.All.Order());
        foreach (var (apiVersion, kind) in DecodableKinds.All)
        {
            var table = DecodableKinds.Find(apiVersion, kind)!;
            Assert.Equal(kind, table.Name);
            Assert.Same(MetaMessages.ObjectMeta, table.Fields[0].Message);
        }
    }

    [Fact]
    public void A_table_cannot_declare_a_field_number_twice()
    {
        var e = Assert.Throws<ArgumentException>(() => new MessageType("Broken", Field.String(1, "a"), Field.Bool(1, "b")));

        Assert.StartsWith("message Broken declares field 1 (b) twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_field_needs_its_table()
    {
        Assert.Throws<ArgumentException>(() => new MessageField(1, "spec", FieldKind.Message, FieldShape.Single));
        Assert.Throws<ArgumentException>(() => new MessageField(1, "data", FieldKind.Int32, FieldShape.Map));
    }

    [Fact]
    public void Only_single_scalars_can_omit_their_zero_value()
    {
        Assert.True(Field.Int32(1, "replicas").OmitZero().OmitsZero);
        Assert.Throws<InvalidOperationException>(() => Field.Strings(1, "finalizers").OmitZero());
        Assert.Throws<InvalidOperationException>(() => Field.Time(1, "creationTimestamp").OmitZero());
    }
}
