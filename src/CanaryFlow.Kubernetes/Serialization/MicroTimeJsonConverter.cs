using System.Text.Json;
using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Serialization;

/// <summary>
/// metav1.MicroTime: exactly six fractional digits both ways (<c>2026-11-22T08:00:00.000000Z</c>). The API server
/// parses with that fixed layout and answers 400 to anything else, so reading is just as strict: a value that would not
/// survive the trip back to the server fails here rather than there.
/// </summary>
public sealed class MicroTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a time string, found {reader.TokenType}");
        }

        var text = reader.GetString();
        return KubernetesTime.TryParseMicro(text, out var time)
            ? time
            : throw new JsonException($"\"{text}\" is not a MicroTime (RFC 3339 with six fractional digits)");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(KubernetesTime.FormatMicro(value));
    }
}
