using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>
/// Compares a response with a recorded one from k8s-transcripts-1.24.md, member order included. Values that
/// differ on every run (uid, resourceVersion, timestamps, continue tokens) are compared by presence only, and
/// managedFields, which LocalCluster omits by design, are ignored. The recorded namespace "tx" stands for the
/// test's own namespace.
/// </summary>
public static class TranscriptAssert
{
    private static readonly HashSet<string> _volatileMetadata = new(StringComparer.Ordinal)
    {
        "uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "continue",
    };

    public static void Equal(string recorded, JsonNode? actual, string? ns = null)
    {
        var expected = ns is null ? recorded : recorded.Replace("\"tx\"", $"\"{ns}\"", StringComparison.Ordinal);
        Assert.Equal(Normalize(JsonNode.Parse(expected)), Normalize(actual));
    }

    /// <summary>The compact text of a body with run-specific values replaced by placeholders.</summary>
    public static string Normalize(JsonNode? node)
    {
        var copy = node?.DeepClone();
        Scrub(copy, parentName: null);
        return copy.Compact();
    }

    private static void Scrub(JsonNode? node, string? parentName)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove("managedFields");
                foreach (var (name, value) in obj.ToList())
                {
                    if (parentName is "metadata" or "details" && _volatileMetadata.Contains(name) && value is JsonValue)
                    {
                        obj[name] = $"<{name}>";
                    }
                    else
                    {
                        Scrub(value, name);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Scrub(item, parentName);
                }

                break;
        }
    }
}
