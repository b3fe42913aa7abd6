using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CanaryFlow.Cli.Output;

/// <summary>Writes objects for -o json (indented like kubectl's) and -o yaml.</summary>
internal static class ObjectPrinter
{
    private static readonly JsonSerializerOptions _indented = new()
    {
        WriteIndented = true,
        IndentSize = 4,
        // As kubectl prints: only what JSON requires is escaped, so '<', '+' and non-ASCII text read as written.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync(TextWriter output, JsonNode value, OutputFormat format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        var text = format == OutputFormat.Yaml ? JsonYamlWriter.Write(value) : value.ToJsonString(_indented) + "\n";
        await output.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Several objects as kubectl prints them: a v1 List.</summary>
    public static JsonObject List(IEnumerable<JsonNode> items) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "List",
        ["items"] = new JsonArray([.. items]),
        ["metadata"] = new JsonObject { ["resourceVersion"] = "" },
    };
}
