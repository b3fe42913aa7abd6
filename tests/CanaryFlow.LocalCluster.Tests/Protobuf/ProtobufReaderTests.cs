using CanaryFlow.LocalCluster.Protobuf;

namespace CanaryFlow.LocalCluster.Tests.Protobuf;

public class ProtobufReaderTests
{
    [Fact]
    public void Varints_span_several_bytes_and_negative_int32_uses_ten()
    {
        byte[] data = [0xAC, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01];
        var reader = new ProtobufReader(data, "test");

        Assert.Equal(300UL, reader.ReadVarint());
        Assert.Equal(-1, (int)reader.ReadVarint());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Tags_split_into_field_number_and_wire_type()
    {
        byte[] data = [0x08, 0x96, 0x01, 0x92, 0x01, 0x02, 0x68, 0x69];
        var reader = new ProtobufReader(data, "test");

        Assert.Equal((1, WireType.Varint), reader.ReadTag());
        Assert.Equal(150UL, reader.ReadVarint());
        Assert.Equal((18, WireType.LengthDelimited), reader.ReadTag());
        Assert.Equal("hi"u8.ToArray(), reader.ReadLengthDelimited().ToArray());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void Fixed_width_values_are_little_endian()
    {
        byte[] data = [0x01, 0x02, 0x03, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80];
        var reader = new ProtobufReader(data, "test");

        Assert.Equal(0x04030201U, reader.ReadFixed32());
        Assert.Equal(0x8000000000000001UL, reader.ReadFixed64());
        Assert.True(reader.IsAtEnd);
    }

    [Theory]
    [InlineData(new byte[] { 0x96 }, "truncated varint at byte 0")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "varint at byte 0 is longer than 10 bytes")]
    public void Bad_varints_are_rejected(byte[] data, string problem)
    {
        var e = Assert.Throws<ProtobufDecodeException>(() => new ProtobufReader(data, "Thing at spec").ReadVarint());

        Assert.Equal($"malformed protobuf in Thing at spec: {problem}", e.Message);
    }

    [Fact]
    public void A_length_past_the_end_is_rejected()
    {
        byte[] data = [0x05, 0x61, 0x62];

        var e = Assert.Throws<ProtobufDecodeException>(() => new ProtobufReader(data, "test").ReadLengthDelimited());

        Assert.Contains("claims 5 bytes but only 2 remain", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_fixed_width_values_are_rejected()
    {
        var e = Assert.Throws<ProtobufDecodeException>(() => new ProtobufReader(new byte[] { 1, 2, 3 }, "test").ReadFixed32());

        Assert.Contains("truncated 32-bit value", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x0B, "field 1 at byte 0 uses a group (wire type 3)")]
    [InlineData(0x0C, "field 1 at byte 0 uses a group (wire type 4)")]
    [InlineData(0x0E, "field 1 at byte 0 has the invalid wire type 6")]
    [InlineData(0x02, "invalid field number 0")]
    public void Groups_invalid_wire_types_and_field_zero_are_rejected(byte tag, string problem)
    {
        var e = Assert.Throws<ProtobufDecodeException>(() => new ProtobufReader(new[] { tag }, "test").ReadTag());

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
