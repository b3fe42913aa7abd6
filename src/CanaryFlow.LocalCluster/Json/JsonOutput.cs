using System.Text.Encodings.Web;
using System.Text.Json;

namespace CanaryFlow.LocalCluster.Json;

/// <summary>
/// How the server writes JSON: compact, and escaping only what JSON requires (a quote is \", not \u0022), which is
/// closer to Go's encoder than .NET's default HTML-safe escaping.
/// </summary>
internal static class JsonOutput
{
    public static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions Serializer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
