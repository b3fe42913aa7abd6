using System.Text.Json;
using System.Text.Json.Serialization;

namespace CanaryFlow.Controller.Analysis.Prometheus.Json;

/// <summary>Reads and writes <c>[boundaryRule, "lower", "upper", "count"]</c>.</summary>
internal sealed class ApiHistogramBucketConverter : JsonConverter<ApiHistogramBucket>
{
    private const string _what = "a histogram bucket [rule, \"lower\", \"upper\", \"count\"]";

    public override ApiHistogramBucket Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonArrayReading.Expect(ref reader, JsonTokenType.StartArray, _what);
        JsonArrayReading.Next(ref reader, JsonTokenType.Number, _what);
        if (!reader.TryGetInt32(out var rule))
        {
            throw new JsonException($"{_what}: the boundary rule is not an integer");
        }

        var lower = JsonArrayReading.NextString(ref reader, _what);
        var upper = JsonArrayReading.NextString(ref reader, _what);
        var count = JsonArrayReading.NextString(ref reader, _what);
        JsonArrayReading.Next(ref reader, JsonTokenType.EndArray, _what);
        return new ApiHistogramBucket(rule, lower, upper, count);
    }

    public override void Write(Utf8JsonWriter writer, ApiHistogramBucket value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        writer.WriteNumberValue(value.BoundaryRule);
        writer.WriteStringValue(value.Lower);
        writer.WriteStringValue(value.Upper);
        writer.WriteStringValue(value.Count);
        writer.WriteEndArray();
    }
}
