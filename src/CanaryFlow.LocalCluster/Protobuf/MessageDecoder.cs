using System.Text;
using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Protobuf;

/// <summary>Turns one protobuf message into a <see cref="JsonObject"/> by its <see cref="MessageType"/> table; unknown fields fail loudly.</summary>
internal static class MessageDecoder
{
    public static JsonObject Decode(MessageType type, ReadOnlySpan<byte> message, string path)
    {
        var result = new JsonObject();
        DecodeInto(result, type, message, path);
        return result;
    }

    /// <summary>Appends the message's fields to <paramref name="target"/> in table order, which is Go struct order, so the JSON matches what kubectl would have sent.</summary>
    public static void DecodeInto(JsonObject target, MessageType type, ReadOnlySpan<byte> message, string path)
    {
        var values = new JsonNode?[type.Fields.Count];
        var present = new bool[type.Fields.Count];
        var reader = new ProtobufReader(message, DecodeErrors.Describe(type.Name, path));
        while (!reader.IsAtEnd)
        {
            var (number, wireType) = reader.ReadTag();
            if (!type.TryGetFieldIndex(number, out var index))
            {
                throw DecodeErrors.UnknownField(type.Name, number, path);
            }

            var field = type.Fields[index];
            var fieldPath = path.Length == 0 ? field.JsonName : $"{path}.{field.JsonName}";
            switch (field.Shape)
            {
                case FieldShape.Repeated:
                    var list = (JsonArray)(values[index] ??= new JsonArray());
                    ReadRepeated(list, type, field, wireType, ref reader, fieldPath);
                    break;
                case FieldShape.Map:
                    var map = (JsonObject)(values[index] ??= new JsonObject());
                    DecodeErrors.ExpectWireType(wireType, WireType.LengthDelimited, type.Name, number, path);
                    MapEntryDecoder.ReadInto(map, type, field, reader.ReadLengthDelimited(), fieldPath);
                    break;
                default:
                    // Kubernetes never repeats a singular field; merging or overwriting one would hide a broken client.
                    if (present[index])
                    {
                        throw DecodeErrors.Duplicate(type.Name, field, path);
                    }

                    values[index] = ReadValue(type.Name, field, wireType, ref reader, fieldPath);
                    break;
            }

            present[index] = true;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (present[i] && !(type.Fields[i].OmitsZero && IsZero(type.Fields[i].Kind, values[i])))
            {
                target[type.Fields[i].JsonName] = values[i];
            }
        }
    }

    /// <summary>Decodes one value of <paramref name="field"/>; shared with map entries, whose values are ordinary fields.</summary>
    public static JsonNode? ReadValue(string ownerName, MessageField field, WireType wireType, ref ProtobufReader reader, string path)
    {
        var expected = field.Kind is FieldKind.Bool or FieldKind.Int32 or FieldKind.Int64 ? WireType.Varint : WireType.LengthDelimited;
        DecodeErrors.ExpectWireType(wireType, expected, ownerName, field.Number, path);
        return field.Kind switch
        {
            FieldKind.String => JsonValue.Create(Encoding.UTF8.GetString(reader.ReadLengthDelimited())),
            FieldKind.Bytes => JsonValue.Create(Convert.ToBase64String(reader.ReadLengthDelimited())),
            FieldKind.Bool => JsonValue.Create(reader.ReadVarint() != 0),
            FieldKind.Int32 => JsonValue.Create((int)reader.ReadVarint()),
            FieldKind.Int64 => JsonValue.Create((long)reader.ReadVarint()),
            FieldKind.Message => Decode(field.Message!, reader.ReadLengthDelimited(), path),
            FieldKind.Time => TimeMessage.ToJson(reader.ReadLengthDelimited(), path),
            FieldKind.IntOrString => IntOrStringMessage.ToJson(reader.ReadLengthDelimited(), path),
            FieldKind.Quantity => QuantityMessage.ToJson(reader.ReadLengthDelimited(), path),
            _ => throw new InvalidOperationException($"unhandled field kind {field.Kind}"),
        };
    }

    private static void ReadRepeated(JsonArray list, MessageType owner, MessageField field, WireType wireType, ref ProtobufReader reader, string path)
    {
        // Numeric lists may arrive packed (one length-delimited run of varints) or one tag per element; decoders must accept both.
        if (wireType == WireType.LengthDelimited && field.Kind is FieldKind.Bool or FieldKind.Int32 or FieldKind.Int64)
        {
            var packed = new ProtobufReader(reader.ReadLengthDelimited(), DecodeErrors.Describe(owner.Name, path));
            while (!packed.IsAtEnd)
            {
                list.Add(ReadValue(owner.Name, field, WireType.Varint, ref packed, $"{path}[{list.Count}]"));
            }

            return;
        }

        list.Add(ReadValue(owner.Name, field, wireType, ref reader, $"{path}[{list.Count}]"));
    }

    private static bool IsZero(FieldKind kind, JsonNode? value) => value switch
    {
        // An IntOrString holding "" is a set string, not the zero value; only int 0 is.
        JsonValue v when kind != FieldKind.IntOrString && v.TryGetValue(out string? s) => s.Length == 0,
        JsonValue v when v.TryGetValue(out bool b) => !b,
        JsonValue v when v.TryGetValue(out int i) => i == 0,
        JsonValue v when v.TryGetValue(out long l) => l == 0,
        _ => false,
    };
}
