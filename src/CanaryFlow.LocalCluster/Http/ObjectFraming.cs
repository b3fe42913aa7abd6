using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Storage;

namespace CanaryFlow.LocalCluster.Http;

/// <summary>
/// Writes stored objects as the real server frames them: built-in kinds start with kind then apiVersion (Go
/// struct order) and drop both inside lists; custom resources are maps (sorted keys) and keep both everywhere.
/// Stored members are pre-serialised, so framing is a copy, not a re-serialisation.
/// </summary>
public static class ObjectFraming
{
    private static readonly byte[] _comma = ","u8.ToArray();

    public static void WriteObject(IBufferWriter<byte> output, ResourceDescriptor d, StoredObject obj, bool inList)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(obj);
        if (d.Converter is not null)
        {
            WriteNode(output, Typed(d, obj.Object, inList));
            return;
        }

        output.Write("{"u8);
        var hasTypeMeta = !inList || d.IsCustomResource;
        if (hasTypeMeta)
        {
            WriteTypeMeta(output, d);
        }

        if (obj.Members.Length > 0)
        {
            if (hasTypeMeta)
            {
                output.Write(_comma);
            }

            output.Write(obj.Members.Span);
        }

        output.Write("}"u8);
    }

    /// <summary>A stored-form object (not necessarily persisted, e.g. a dry run) with its type metadata.</summary>
    public static JsonObject Typed(ResourceDescriptor d, JsonObject stored, bool inList = false)
    {
        ArgumentNullException.ThrowIfNull(d);
        var typed = GenericRegistry.ToExternal(d, stored);
        if (inList && !d.IsCustomResource)
        {
            typed.Remove("kind");
            typed.Remove("apiVersion");
        }

        return typed;
    }

    public static void WriteTypeMeta(IBufferWriter<byte> output, ResourceDescriptor d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var first = d.IsCustomResource ? ("apiVersion", d.ApiVersion) : ("kind", d.Kind);
        var second = d.IsCustomResource ? ("kind", d.Kind) : ("apiVersion", d.ApiVersion);
        WriteString(output, first.Item1, first.Item2);
        output.Write(_comma);
        WriteString(output, second.Item1, second.Item2);
    }

    public static void WriteNode(IBufferWriter<byte> output, JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var writer = new Utf8JsonWriter(output, JsonOutput.Writer);
        node.WriteTo(writer);
    }

    /// <summary>Writes <c>"name":"value"</c> with JSON escaping.</summary>
    public static void WriteString(IBufferWriter<byte> output, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(name, JsonContext.Default.String)));
        output.Write(":"u8);
        output.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value, JsonContext.Default.String)));
    }
}
