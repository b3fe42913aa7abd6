using System.Text;

namespace CanaryFlow.LocalCluster.Protobuf;

/// <summary>
/// The frame around every Kubernetes protobuf body: the magic <c>k8s\0</c>, then a <c>runtime.Unknown</c>
/// (typeMeta=1 {apiVersion=1, kind=2}, raw=2, contentEncoding=3, contentType=4) whose raw bytes are the object's own message.
/// </summary>
internal readonly ref struct KubernetesEnvelope
{
    private const string _unknownName = "runtime.Unknown";
    private const string _typeMetaName = "runtime.TypeMeta";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    private KubernetesEnvelope(string apiVersion, string kind, ReadOnlySpan<byte> raw)
    {
        ApiVersion = apiVersion;
        Kind = kind;
        Raw = raw;
    }

    public string ApiVersion { get; }

    public string Kind { get; }

    /// <summary>The object's message, for example a serialized <c>k8s.io.api.core.v1.Namespace</c>.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    public static KubernetesEnvelope Read(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            var start = Convert.ToHexString(body[..Math.Min(body.Length, Magic.Length)]);
            throw new ProtobufDecodeException($"the body is not Kubernetes protobuf: it must start with the 4-byte magic 6B387300 (\"k8s\\0\") but starts with {(start.Length == 0 ? "nothing" : start)}");
        }

        var apiVersion = "";
        var kind = "";
        var raw = ReadOnlySpan<byte>.Empty;
        var contentEncoding = "";
        var contentType = "";
        var reader = new ProtobufReader(body[Magic.Length..], _unknownName);
        while (!reader.IsAtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (number is < 1 or > 4)
            {
                throw DecodeErrors.UnknownField(_unknownName, number, "");
            }

            DecodeErrors.ExpectWireType(wireType, WireType.LengthDelimited, _unknownName, number, "");
            var value = reader.ReadLengthDelimited();
            switch (number)
            {
                case 1:
                    (apiVersion, kind) = ReadTypeMeta(value);
                    break;
                case 2:
                    raw = value;
                    break;
                case 3:
                    contentEncoding = Encoding.UTF8.GetString(value);
                    break;
                default:
                    contentType = Encoding.UTF8.GetString(value);
                    break;
            }
        }

        if (kind.Length == 0 || apiVersion.Length == 0)
        {
            throw new ProtobufDecodeException("the Kubernetes protobuf envelope does not name the object's apiVersion and kind");
        }

        if (contentEncoding.Length != 0)
        {
            throw new ProtobufDecodeException($"LocalCluster cannot decode protobuf with content encoding \"{contentEncoding}\"; send JSON");
        }

        // An empty content type means the raw bytes are protobuf; anything else wraps some other encoding LocalCluster does not unwrap.
        if (contentType.Length != 0 && contentType != KubernetesProtobuf.MediaType)
        {
            throw new ProtobufDecodeException($"LocalCluster cannot decode a protobuf envelope around \"{contentType}\" content; send JSON");
        }

        return new KubernetesEnvelope(apiVersion, kind, raw);
    }

    private static (string ApiVersion, string Kind) ReadTypeMeta(ReadOnlySpan<byte> message)
    {
        var apiVersion = "";
        var kind = "";
        var reader = new ProtobufReader(message, _typeMetaName);
        while (!reader.IsAtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (number is not (1 or 2))
            {
                throw DecodeErrors.UnknownField(_typeMetaName, number, "");
            }

            DecodeErrors.ExpectWireType(wireType, WireType.LengthDelimited, _typeMetaName, number, "");
            var value = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
            if (number == 1)
            {
                apiVersion = value;
            }
            else
            {
                kind = value;
            }
        }

        return (apiVersion, kind);
    }
}
