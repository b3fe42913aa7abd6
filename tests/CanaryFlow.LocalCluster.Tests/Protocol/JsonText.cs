using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Compact JSON text for comparisons, escaping only what JSON requires (as the Go encoder's output reads).</summary>
public static class JsonText
{
    private static readonly JsonSerializerOptions _relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Compact(this JsonNode? node) => node?.ToJsonString(_relaxed) ?? "null";
}
