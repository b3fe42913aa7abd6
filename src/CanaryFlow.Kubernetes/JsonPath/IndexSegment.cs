using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.JsonPath;

/// <summary><c>[i]</c>: an array element; a negative index counts from the end.</summary>
internal sealed class IndexSegment(int index) : JsonPathSegment
{
    public override IEnumerable<JsonNode?> Select(JsonNode? node, JsonNode? root)
    {
        if (node is not JsonArray array)
        {
            yield break;
        }

        var position = index < 0 ? array.Count + index : index;
        if (position >= 0 && position < array.Count)
        {
            yield return array[position];
        }
    }
}
