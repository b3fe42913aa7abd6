using System.Text.Json;
using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Kubernetes.Serialization;

/// <summary>Reads and writes <see cref="IntOrString"/> as the JSON number or string it holds.</summary>
public sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return IntOrString.FromString(reader.GetString()!);
            case JsonTokenType.Number when reader.TryGetInt32(out var number):
                return IntOrString.FromInt32(number);
            case JsonTokenType.Number:
                throw new JsonException("an int-or-string number must be a 32-bit integer");
            default:
                throw new JsonException($"expected a number or a string, found {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsString)
        {
            writer.WriteStringValue(value.StringValue);
        }
        else
        {
            writer.WriteNumberValue(value.IntValue);
        }
    }
}
