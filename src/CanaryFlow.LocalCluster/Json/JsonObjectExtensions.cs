using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Json;

/// <summary>Typed access to the few well-known fields the server reads from objects it stores as JSON.</summary>
internal static class JsonObjectExtensions
{
    public static JsonObject Metadata(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta)
        {
            return meta;
        }

        meta = [];
        obj["metadata"] = meta;
        return meta;
    }

    public static JsonObject? MetadataOrNull(this JsonObject obj) => obj["metadata"] as JsonObject;

    public static string? GetString(this JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary>An integer field, whatever numeric type the node holds (values built in code may be int, parsed ones long).</summary>
    public static long? GetLong(this JsonObject obj, string name) =>
        JsonNodeTypes.TryGetInteger(obj[name], out var l) ? l : null;

    public static bool? GetBool(this JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue(out bool b) ? b : null;

    public static JsonObject? GetObject(this JsonObject obj, string name) => obj[name] as JsonObject;

    public static JsonArray? GetArray(this JsonObject obj, string name) => obj[name] as JsonArray;

    public static JsonObject GetOrAddObject(this JsonObject obj, string name)
    {
        if (obj[name] is JsonObject child)
        {
            return child;
        }

        child = [];
        obj[name] = child;
        return child;
    }

    public static string? Name(this JsonObject obj) => obj.MetadataOrNull()?.GetString("name");

    public static string? Namespace(this JsonObject obj) => obj.MetadataOrNull()?.GetString("namespace");

    public static string? Uid(this JsonObject obj) => obj.MetadataOrNull()?.GetString("uid");

    public static IReadOnlyList<string> Finalizers(this JsonObject obj) =>
        obj.MetadataOrNull()?.GetArray("finalizers") is { } list
            ? list.Select(x => x is JsonValue v && v.TryGetValue(out string? s) ? s : null).OfType<string>().ToList()
            : [];

    public static void SetFinalizers(this JsonObject obj, IReadOnlyCollection<string> finalizers)
    {
        var meta = obj.Metadata();
        if (finalizers.Count == 0)
        {
            meta.Remove("finalizers");
        }
        else
        {
            meta["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
        }
    }

    public static IReadOnlyDictionary<string, string> StringMap(this JsonObject? obj)
    {
        if (obj is null || obj.Count == 0)
        {
            return _emptyMap;
        }

        var map = new Dictionary<string, string>(obj.Count, StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (value is JsonValue v && v.TryGetValue(out string? s))
            {
                map[key] = s;
            }
        }

        return map;
    }

    public static JsonNode? Path(this JsonNode? node, params string[] path)
    {
        foreach (var part in path)
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node;
    }

    private static readonly IReadOnlyDictionary<string, string> _emptyMap = new Dictionary<string, string>();
}
