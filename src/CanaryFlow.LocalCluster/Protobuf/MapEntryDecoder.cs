using System.Text;
using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Protobuf;

/// <summary>Reads one map entry message (key=1, value=2) into the JSON object that holds the whole map.</summary>
internal static class MapEntryDecoder
{
    private static readonly Dictionary<FieldKind, MessageField> _valueFields = new()
    {
        [FieldKind.String] = Field.String(2, "value"),
        [FieldKind.Bytes] = new(2, "value", FieldKind.Bytes, FieldShape.Single),
        [FieldKind.Quantity] = new(2, "value", FieldKind.Quantity, FieldShape.Single),
    };

    public static void ReadInto(JsonObject map, MessageType owner, MessageField field, ReadOnlySpan<byte> entry, string path)
    {
        var entryName = $"{owner.Name}.{field.JsonName} entry";
        var valueField = _valueFields[field.Kind];
        var key = "";
        JsonNode? value = null;
        var hasValue = false;
        var reader = new ProtobufReader(entry, DecodeErrors.Describe(entryName, path));
        while (!reader.IsAtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            switch (number)
            {
                case 1:
                    DecodeErrors.ExpectWireType(wireType, WireType.LengthDelimited, entryName, number, path);
                    key = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                case 2:
                    value = MessageDecoder.ReadValue(entryName, valueField, wireType, ref reader, path);
                    hasValue = true;
                    break;
                default:
                    throw DecodeErrors.UnknownField(entryName, number, path);
            }
        }

        // An entry without a value holds the value type's zero, as in Go.
        map[key] = hasValue ? value : ZeroValue(field.Kind);
    }

    private static JsonNode ZeroValue(FieldKind kind) => kind == FieldKind.Quantity ? JsonValue.Create("0") : JsonValue.Create("");
}
