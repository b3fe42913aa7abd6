using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Tests.Infrastructure;

/// <summary>The JSON documents kubectl prints one after another (<c>get --watch -o json</c>), parsed as far as they are complete.</summary>
public static class JsonStream
{
    public static IReadOnlyList<JsonNode> ParseComplete(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var documents = new List<JsonNode>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = true }));
        // Read() steps onto the next value's first token; TryParseValue then fails only when that value is still incomplete.
        while (reader.Read() && JsonDocument.TryParseValue(ref reader, out var document))
        {
            using (document)
            {
                documents.Add(JsonNode.Parse(document.RootElement.GetRawText())!);
            }
        }

        return documents;
    }
}
