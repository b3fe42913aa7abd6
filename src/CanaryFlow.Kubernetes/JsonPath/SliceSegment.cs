using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.JsonPath;

/// <summary>
/// <c>[start:end:step]</c>: array elements from start (inclusive) to end (exclusive); omitted bounds mean the whole
/// array, negative ones count from the end, and bounds outside the array are clamped.
/// </summary>
internal sealed class SliceSegment(int? start, int? end, int step) : JsonPathSegment
{
    public override IEnumerable<JsonNode?> Select(JsonNode? node, JsonNode? root)
    {
        if (node is not JsonArray array)
        {
            yield break;
        }

        var from = Clamp(start ?? 0, array.Count);
        var to = Clamp(end ?? array.Count, array.Count);
        for (var i = from; i < to; i += step)
        {
            yield return array[i];
        }
    }

    private static int Clamp(int bound, int count) => Math.Clamp(bound < 0 ? count + bound : bound, 0, count);
}
