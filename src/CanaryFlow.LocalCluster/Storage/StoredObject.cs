using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;

namespace CanaryFlow.LocalCluster.Storage;

/// <summary>
/// One persisted revision of an object. Immutable: the JSON tree is never modified after it is stored, so
/// readers share it without copying; writers clone it first.
/// </summary>
public sealed class StoredObject
{
    private StoredObject(string @namespace, string name, long resourceVersion, JsonObject obj, byte[] members)
    {
        Namespace = @namespace;
        Name = name;
        ResourceVersion = resourceVersion;
        Object = obj;
        Members = members;
        Labels = obj.MetadataOrNull()?.GetObject("labels").StringMap() ?? new Dictionary<string, string>();
    }

    public string Namespace { get; }
    public string Name { get; }
    public long ResourceVersion { get; }

    /// <summary>The object without apiVersion/kind (they depend on the endpoint it is read through).</summary>
    public JsonObject Object { get; }

    /// <summary>UTF-8 JSON of the object's members without the enclosing braces, ready to be framed.</summary>
    public ReadOnlyMemory<byte> Members { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public string? Uid => Object.Uid();

    public bool IsTerminating => Object.MetadataOrNull()?["deletionTimestamp"] is not null;

    /// <summary>Builds a stored revision; <paramref name="canonical"/> must already be in canonical member order.</summary>
    public static StoredObject Create(JsonObject canonical, long resourceVersion)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        canonical.Remove("apiVersion");
        canonical.Remove("kind");
        var meta = canonical.Metadata();
        meta["resourceVersion"] = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var members = SerializeMembers(canonical);

        // Keep the tree that the bytes parse to, not the one that was written: values built in code (an int where
        // JSON gives a long) would otherwise read differently from values that came over the wire.
        var stored = Parse(members);
        var storedMeta = stored.Metadata();
        return new StoredObject(
            storedMeta.GetString("namespace") ?? "",
            storedMeta.GetString("name") ?? "",
            resourceVersion,
            stored,
            members);
    }

    private static JsonObject Parse(byte[] members)
    {
        var framed = new byte[members.Length + 2];
        framed[0] = (byte)'{';
        members.CopyTo(framed, 1);
        framed[^1] = (byte)'}';
        return (JsonObject)JsonNode.Parse(framed)!;
    }

    /// <summary>The same content under another resourceVersion (a DELETED event carries the deletion revision).</summary>
    public StoredObject WithResourceVersion(long resourceVersion)
    {
        var copy = (JsonObject)Object.DeepClone();
        return Create(copy, resourceVersion);
    }

    /// <summary>A mutable deep copy for a writer to modify.</summary>
    public JsonObject CloneObject() => (JsonObject)Object.DeepClone();

    internal static byte[] SerializeMembers(JsonObject obj)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, JsonOutput.Writer))
        {
            obj.WriteTo(writer);
        }

        // Strip the outer braces so the framing code can put apiVersion/kind in front when it needs them.
        var span = buffer.WrittenSpan;
        return span.Length <= 2 ? [] : span[1..^1].ToArray();
    }
}
