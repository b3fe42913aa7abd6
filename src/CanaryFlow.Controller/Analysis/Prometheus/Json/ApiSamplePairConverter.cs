using System.Text.Json;
using System.Text.Json.Serialization;

namespace CanaryFlow.Controller.Analysis.Prometheus.Json;

/// <summary>Reads and writes <c>[unixSeconds, "value"]</c>.</summary>
internal sealed class ApiSamplePairConverter : JsonConverter<ApiSamplePair>
{
    private const string _what = "a [timestamp, \"value\"] pair";

    public override ApiSamplePair Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonArrayReading.Expect(ref reader, JsonTokenType.StartArray, _what);
        var timestamp = JsonArrayReading.NextTimestamp(ref reader, _what);
        var value = JsonArrayReading.NextString(ref reader, _what);
        JsonArrayReading.Next(ref reader, JsonTokenType.EndArray, _what);
        return new ApiSamplePair(timestamp, value);
    }

    public override void Write(Utf8JsonWriter writer, ApiSamplePair value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        writer.WriteNumberValue(value.Timestamp);
        writer.WriteStringValue(value.Value);
        writer.WriteEndArray();
    }
}
