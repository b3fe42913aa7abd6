using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;

namespace CanaryFlow.LocalCluster.Registry;

/// <summary>
/// The subset of Server-Side Apply LocalCluster implements (documented in docs/local-cluster.md): maps merge
/// field by field, lists and scalars are atomic, and ownership is tracked per leaf path so that applying a
/// value another manager set is a 409 conflict unless forced, and a field a manager stops applying is removed
/// when nobody else owns it.
/// </summary>
public static class ServerSideApply
{
    private static readonly HashSet<string> _identityPaths = new(StringComparer.Ordinal)
    {
        ".apiVersion", ".kind", ".metadata.name", ".metadata.namespace", ".metadata.resourceVersion", ".metadata.uid",
    };

    /// <summary>The object an apply creates when none exists: the applied configuration with the URL's name.</summary>
    public static JsonObject ForCreate(JsonObject applied, string name)
    {
        ArgumentNullException.ThrowIfNull(applied);
        var obj = (JsonObject)applied.DeepClone();
        obj.Metadata()["name"] = name;
        return obj;
    }

    /// <summary>The leaf paths a manager owns by applying this configuration.</summary>
    public static IReadOnlySet<string> Ownership(JsonObject applied, string manager)
    {
        ArgumentNullException.ThrowIfNull(applied);
        var leaves = new HashSet<string>(StringComparer.Ordinal);
        CollectLeaves(applied, "", leaves);
        leaves.ExceptWith(_identityPaths);
        return leaves;
    }

    /// <summary>Leaf paths whose values differ between two objects (what an update takes ownership of).</summary>
    public static IReadOnlySet<string> ChangedLeaves(JsonObject before, JsonObject after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var b = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        CollectLeafValues(before, "", a);
        CollectLeafValues(after, "", b);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, value) in b)
        {
            if (!a.TryGetValue(path, out var old) || !JsonNode.DeepEquals(old, value))
            {
                changed.Add(path);
            }
        }

        changed.ExceptWith(_identityPaths);
        return changed;
    }

    /// <summary>Applies <paramref name="applied"/> onto <paramref name="live"/>: maps merge, everything else replaces.</summary>
    public static JsonObject Merge(JsonObject live, JsonObject applied, IEnumerable<string> removedPaths)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(removedPaths);
        var result = (JsonObject)live.DeepClone();
        MergeInto(result, applied);
        foreach (var path in removedPaths)
        {
            Remove(result, path);
        }

        return result;
    }

    public static JsonNode? ValueAt(JsonObject obj, string path)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(path);
        JsonNode? node = obj;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node;
    }

    private static void MergeInto(JsonObject target, JsonObject source)
    {
        foreach (var (name, value) in source)
        {
            if (value is JsonObject sourceChild && target[name] is JsonObject targetChild)
            {
                MergeInto(targetChild, sourceChild);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }

    private static void Remove(JsonObject obj, string path)
    {
        var parts = path.Split('.', StringSplitOptions.RemoveEmptyEntries);
        var node = obj;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (node[parts[i]] is not JsonObject child)
            {
                return;
            }

            node = child;
        }

        node.Remove(parts[^1]);
    }

    private static void CollectLeaves(JsonNode? node, string path, HashSet<string> leaves)
    {
        if (node is JsonObject obj && obj.Count > 0)
        {
            foreach (var (name, value) in obj)
            {
                CollectLeaves(value, path + "." + name, leaves);
            }
        }
        else if (path.Length > 0)
        {
            leaves.Add(path);
        }
    }

    private static void CollectLeafValues(JsonNode? node, string path, Dictionary<string, JsonNode?> values)
    {
        if (node is JsonObject obj && obj.Count > 0)
        {
            foreach (var (name, value) in obj)
            {
                CollectLeafValues(value, path + "." + name, values);
            }
        }
        else if (path.Length > 0)
        {
            values[path] = node;
        }
    }
}
