using System.Text;
using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Protobuf;

/// <summary>Decodes <c>resource.Quantity</c> (string=1) into its JSON string.</summary>
internal static class QuantityMessage
{
    private const string _name = "Quantity";

    public static JsonNode ToJson(ReadOnlySpan<byte> message, string path)
    {
        // The zero Quantity serializes to "0" in JSON.
        var value = "0";
        var reader = new ProtobufReader(message, DecodeErrors.Describe(_name, path));
        while (!reader.IsAtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (number != 1)
            {
                throw DecodeErrors.UnknownField(_name, number, path);
            }

            DecodeErrors.ExpectWireType(wireType, WireType.LengthDelimited, _name, number, path);
            value = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
        }

        return JsonValue.Create(value);
    }
}
