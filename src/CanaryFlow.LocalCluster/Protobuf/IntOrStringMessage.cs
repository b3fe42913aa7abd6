using System.Text;
using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Protobuf;

/// <summary>Decodes <c>intstr.IntOrString</c> (type=1: 0 int, 1 string; intVal=2; strVal=3) into a JSON number or string.</summary>
internal static class IntOrStringMessage
{
    private const string _name = "IntOrString";

    public static JsonNode ToJson(ReadOnlySpan<byte> message, string path)
    {
        ulong type = 0;
        var intValue = 0;
        var stringValue = "";
        var reader = new ProtobufReader(message, DecodeErrors.Describe(_name, path));
        while (!reader.IsAtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            switch (number)
            {
                case 1:
                    DecodeErrors.ExpectWireType(wireType, WireType.Varint, _name, number, path);
                    type = reader.ReadVarint();
                    break;
                case 2:
                    DecodeErrors.ExpectWireType(wireType, WireType.Varint, _name, number, path);
                    intValue = (int)reader.ReadVarint();
                    break;
                case 3:
                    DecodeErrors.ExpectWireType(wireType, WireType.LengthDelimited, _name, number, path);
                    stringValue = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                default:
                    throw DecodeErrors.UnknownField(_name, number, path);
            }
        }

        return type switch
        {
            0 => JsonValue.Create(intValue),
            1 => JsonValue.Create(stringValue),
            _ => throw new ProtobufDecodeException($"malformed protobuf in {DecodeErrors.Describe(_name, path)}: type {type} is neither 0 (int) nor 1 (string)"),
        };
    }
}
