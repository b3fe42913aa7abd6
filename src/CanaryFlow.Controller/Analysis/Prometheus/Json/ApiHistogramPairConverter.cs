using System.Text.Json;
using System.Text.Json.Serialization;

namespace CanaryFlow.Controller.Analysis.Prometheus.Json;

/// <summary>Reads and writes <c>[unixSeconds, {histogram}]</c>.</summary>
internal sealed class ApiHistogramPairConverter : JsonConverter<ApiHistogramPair>
{
    private const string _what = "a [timestamp, {histogram}] pair";

    public override ApiHistogramPair Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonArrayReading.Expect(ref reader, JsonTokenType.StartArray, _what);
        var timestamp = JsonArrayReading.NextTimestamp(ref reader, _what);
        JsonArrayReading.Next(ref reader, JsonTokenType.StartObject, _what);
        var histogram = JsonSerializer.Deserialize(ref reader, PrometheusJsonContext.Default.ApiHistogram)
            ?? throw new JsonException($"{_what}: the histogram is null");
        JsonArrayReading.Next(ref reader, JsonTokenType.EndArray, _what);
        return new ApiHistogramPair(timestamp, histogram);
    }

    public override void Write(Utf8JsonWriter writer, ApiHistogramPair value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        writer.WriteNumberValue(value.Timestamp);
        JsonSerializer.Serialize(writer, value.Histogram, PrometheusJsonContext.Default.ApiHistogram);
        writer.WriteEndArray();
    }
}
