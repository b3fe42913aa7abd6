using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Serialization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CanaryFlow.Cli.Output;

/// <summary>
/// Writes JSON as block YAML, the way kubectl's -o yaml reads. A string is written plain only when reading it back
/// (with the same rules as <see cref="YamlJsonConverter"/>) gives the same string; otherwise it is quoted, so "true",
/// "0755" or "1e3" stay strings.
/// </summary>
internal static class JsonYamlWriter
{
    public static string Write(JsonNode? value)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(writer, new EmitterSettings().WithBestIndent(2).WithIndentedSequences());
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, value);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    /// <summary>Several documents separated by <c>---</c>, as convert prints them.</summary>
    public static string WriteAll(IEnumerable<JsonNode?> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return string.Join("---\n", documents.Select(Write));
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var (key, child) in obj)
                {
                    EmitString(emitter, key);
                    Emit(emitter, child);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                foreach (var child in array)
                {
                    Emit(emitter, child);
                }

                emitter.Emit(new SequenceEnd());
                break;
            default:
                // Values may hold a JsonElement (read from JSON) or a CLR primitive (built in code): ask the kind, not the type.
                switch (node.GetValueKind())
                {
                    case JsonValueKind.String:
                        EmitString(emitter, node.GetValue<string>());
                        break;
                    case JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number:
                        emitter.Emit(new Scalar(null, null, node.ToJsonString(), ScalarStyle.Plain, true, false));
                        break;
                    default:
                        emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                        break;
                }

                break;
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        var style = text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : ReadsBackAsItself(text) ? ScalarStyle.Any
            : ScalarStyle.DoubleQuoted;
        emitter.Emit(new Scalar(null, null, text, style, true, true));
    }

    private static bool ReadsBackAsItself(string text)
    {
        if (text.Length == 0 || text.Trim() != text)
        {
            return false;
        }

        try
        {
            return YamlJsonConverter.Parse("k: " + text) is JsonObject { } parsed
                && parsed["k"] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == text;
        }
        catch (YamlJsonException)
        {
            return false;
        }
    }
}
