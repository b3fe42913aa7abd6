using System.Text;

namespace CanaryFlow.LocalCluster.Tests.Protobuf;

/// <summary>A test-only protobuf writer: builds messages field by field so tests state exactly which bytes are sent.</summary>
internal sealed class ProtoMessage
{
    private readonly List<byte> _bytes = [];

    public ProtoMessage Varint(int field, long value)
    {
        Tag(field, 0);
        WriteVarint((ulong)value);
        return this;
    }

    public ProtoMessage Bool(int field, bool value) => Varint(field, value ? 1 : 0);

    public ProtoMessage String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoMessage Bytes(int field, byte[] value)
    {
        Tag(field, 2);
        WriteVarint((ulong)value.Length);
        _bytes.AddRange(value);
        return this;
    }

    public ProtoMessage Message(int field, ProtoMessage message) => Bytes(field, message.ToArray());

    public ProtoMessage MapEntry(int field, string key, string value) =>
        Message(field, new ProtoMessage().String(1, key).String(2, value));

    public ProtoMessage MapEntry(int field, string key, byte[] value) =>
        Message(field, new ProtoMessage().String(1, key).Bytes(2, value));

    /// <summary>Appends bytes verbatim, for tests that need malformed input.</summary>
    public ProtoMessage Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];

    /// <summary>Wraps an object message the way the API machinery does: magic, then runtime.Unknown{typeMeta, raw, contentEncoding, contentType}.</summary>
    public static byte[] Envelope(string apiVersion, string kind, ProtoMessage obj)
    {
        var unknown = new ProtoMessage()
            .Message(1, new ProtoMessage().String(1, apiVersion).String(2, kind))
            .Message(2, obj)
            .String(3, "")
            .String(4, "");
        return [.. "k8s\0"u8, .. unknown.ToArray()];
    }

    /// <summary>An ObjectMeta with every field the Go marshaller always writes, set to its zero value, as kubectl sends it.</summary>
    public static ProtoMessage ObjectMeta(string name, string @namespace = "") => new ProtoMessage()
        .String(1, name).String(2, "").String(3, @namespace).String(4, "").String(5, "").String(6, "")
        .Varint(7, 0)
        .Message(8, new ProtoMessage());

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        _bytes.Add((byte)value);
    }
}
