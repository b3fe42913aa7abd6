using System.Text.Json;
using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Serialization;

/// <summary>
/// metav1.Time: any RFC 3339 timestamp on input, UTC with whole seconds on output (<c>2026-11-22T08:20:49Z</c>), as
/// the API server writes it. Sub-second precision is dropped on output, like Go's metav1.Time does.
/// </summary>
public sealed class TimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a time string, found {reader.TokenType}");
        }

        var text = reader.GetString();
        return KubernetesTime.TryParse(text, out var time)
            ? time
            : throw new JsonException($"\"{text}\" is not an RFC 3339 time");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(KubernetesTime.Format(value));
    }
}
