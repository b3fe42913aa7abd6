using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Kubernetes.Serialization;

/// <summary>Reads a <see cref="Quantity"/> from a string or a bare number (kept as written); writes a string.</summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new Quantity(reader.GetString()!),
            JsonTokenType.Number => new Quantity(Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan)),
            _ => throw new JsonException($"expected a quantity string or number, found {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Text);
    }
}
