using System.Text.Json;

namespace CanaryFlow.Controller.Analysis.Prometheus.Json;

/// <summary>Reads the fixed-shape tuples Prometheus writes as JSON arrays, failing with a message that names the tuple.</summary>
internal static class JsonArrayReading
{
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string what)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"{what}: expected {token}, found {reader.TokenType}");
        }
    }

    public static void Next(ref Utf8JsonReader reader, JsonTokenType token, string what)
    {
        if (!reader.Read())
        {
            throw new JsonException($"{what}: the JSON ends inside it");
        }

        Expect(ref reader, token, what);
    }

    public static decimal NextTimestamp(ref Utf8JsonReader reader, string what)
    {
        Next(ref reader, JsonTokenType.Number, what);
        return reader.TryGetDecimal(out var value) ? value : throw new JsonException($"{what}: the timestamp is not a decimal number");
    }

    public static string NextString(ref Utf8JsonReader reader, string what)
    {
        Next(ref reader, JsonTokenType.String, what);
        return reader.GetString()!;
    }
}
