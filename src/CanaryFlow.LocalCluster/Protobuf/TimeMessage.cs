using System.Globalization;
using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Protobuf;

/// <summary>Decodes <c>metav1.Time</c> (seconds=1, nanos=2) into the JSON Kubernetes writes for it.</summary>
internal static class TimeMessage
{
    private const string _name = "Time";

    // Go's zero time.Time (0001-01-01T00:00:00Z); Kubernetes writes it to JSON as null.
    private const long _zeroTimeSeconds = -62135596800;
    private const long _maxSeconds = 253402300799;
    private const int _maxNanos = 999_999_999;

    public static JsonNode? ToJson(ReadOnlySpan<byte> message, string path)
    {
        // The Go marshaller writes the zero time as an empty message.
        if (message.IsEmpty)
        {
            return null;
        }

        long seconds = 0;
        long nanos = 0;
        var reader = new ProtobufReader(message, DecodeErrors.Describe(_name, path));
        while (!reader.IsAtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            switch (number)
            {
                case 1:
                    DecodeErrors.ExpectWireType(wireType, WireType.Varint, _name, number, path);
                    seconds = (long)reader.ReadVarint();
                    break;
                case 2:
                    DecodeErrors.ExpectWireType(wireType, WireType.Varint, _name, number, path);
                    nanos = (int)reader.ReadVarint();
                    break;
                default:
                    throw DecodeErrors.UnknownField(_name, number, path);
            }
        }

        if (seconds is < _zeroTimeSeconds or > _maxSeconds || nanos is < 0 or > _maxNanos)
        {
            throw new ProtobufDecodeException($"malformed protobuf in {DecodeErrors.Describe(_name, path)}: {seconds}s {nanos}ns is not a representable time");
        }

        if (seconds == _zeroTimeSeconds && nanos == 0)
        {
            return null;
        }

        // metav1.Time is second-precision in JSON, so nanos are dropped exactly as the API server drops them.
        return DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
