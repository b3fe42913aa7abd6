using System.Buffers.Binary;

namespace CanaryFlow.LocalCluster.Protobuf;

/// <summary>Reads protobuf wire-format values from one message, front to back; every malformed byte is an exception, never a guess.</summary>
internal ref struct ProtobufReader
{
    private const ulong _maxFieldNumber = (1 << 29) - 1;
    private const int _maxVarintBytes = 10;

    private readonly ReadOnlySpan<byte> _data;
    private readonly string _context;
    private int _position;

    /// <param name="context">Names the message being read (for example <c>ObjectMeta at metadata</c>) in error messages.</param>
    public ProtobufReader(ReadOnlySpan<byte> data, string context)
    {
        _data = data;
        _context = context;
        _position = 0;
    }

    public readonly bool IsAtEnd => _position >= _data.Length;

    public (int FieldNumber, WireType WireType) ReadTag()
    {
        var start = _position;
        var tag = ReadVarint();
        var fieldNumber = tag >> 3;
        var wireType = (WireType)(tag & 7);
        if (fieldNumber == 0 || fieldNumber > _maxFieldNumber)
        {
            throw Malformed($"invalid field number {fieldNumber} in the tag at byte {start}");
        }

        return wireType switch
        {
            WireType.Varint or WireType.Fixed64 or WireType.LengthDelimited or WireType.Fixed32 => ((int)fieldNumber, wireType),
            WireType.StartGroup or WireType.EndGroup => throw Malformed($"field {fieldNumber} at byte {start} uses a group (wire type {(int)wireType}), which Kubernetes never sends"),
            _ => throw Malformed($"field {fieldNumber} at byte {start} has the invalid wire type {(int)wireType}"),
        };
    }

    public ulong ReadVarint()
    {
        var start = _position;
        ulong value = 0;
        for (var i = 0; i < _maxVarintBytes; i++)
        {
            if (_position >= _data.Length)
            {
                throw Malformed($"truncated varint at byte {start}");
            }

            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Malformed($"varint at byte {start} is longer than {_maxVarintBytes} bytes");
    }

    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8, "64-bit value"));

    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4, "32-bit value"));

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var start = _position;
        var length = ReadVarint();
        var remaining = _data.Length - _position;
        if (length > (ulong)remaining)
        {
            throw Malformed($"the length-delimited value at byte {start} claims {length} bytes but only {remaining} remain");
        }

        return ReadBytes((int)length, "length-delimited value");
    }

    private ReadOnlySpan<byte> ReadBytes(int count, string what)
    {
        if (_data.Length - _position < count)
        {
            throw Malformed($"truncated {what} at byte {_position}");
        }

        var bytes = _data.Slice(_position, count);
        _position += count;
        return bytes;
    }

    private readonly ProtobufDecodeException Malformed(string problem) =>
        new($"malformed protobuf in {_context}: {problem}");
}
