using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Patching;

/// <summary>
/// The document a JSON patch is being applied to. It owns its tree (a copy of the caller's), so the operations may edit it
/// in place; the root is held separately because "add"/"replace" at "" swap the whole document.
/// </summary>
internal sealed class JsonPatchTarget(JsonNode? root)
{
    public JsonNode? Root { get; private set; } = root;

    public bool TryGet(JsonPointer pointer, out JsonNode? value)
    {
        value = Root;
        foreach (var token in pointer.Tokens)
        {
            switch (value)
            {
                case JsonObject map when map.TryGetPropertyValue(token, out var member):
                    value = member;
                    break;
                case JsonArray list when JsonPointer.TryParseArrayIndex(token, out var index) && index < list.Count:
                    value = list[index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }

        return true;
    }

    public JsonNode? Get(JsonPointer pointer) =>
        TryGet(pointer, out var value) ? value : throw new PatchApplicationException($"path \"{pointer}\" does not exist");

    public void Add(JsonPointer pointer, JsonNode? value)
    {
        if (pointer.IsRoot)
        {
            Root = value;
            return;
        }

        switch (Container(pointer))
        {
            case JsonObject map:
                map[pointer.LastToken] = value;
                break;
            case JsonArray list when pointer.LastToken == JsonPointer.EndOfArray:
                list.Add(value);
                break;
            case JsonArray list:
                list.Insert(ArrayIndex(pointer, list, allowEnd: true), value);
                break;
        }
    }

    public JsonNode? Remove(JsonPointer pointer)
    {
        if (pointer.IsRoot)
        {
            throw new PatchApplicationException("the document root cannot be removed");
        }

        switch (Container(pointer))
        {
            case JsonObject map:
                if (!map.TryGetPropertyValue(pointer.LastToken, out var member))
                {
                    throw new PatchApplicationException($"path \"{pointer}\" does not exist");
                }

                map.Remove(pointer.LastToken);
                return member;
            case JsonArray list:
                var index = ArrayIndex(pointer, list, allowEnd: false);
                var element = list[index];
                list.RemoveAt(index);
                return element;
            default:
                throw new InvalidOperationException("Container only yields objects and arrays");
        }
    }

    public void Replace(JsonPointer pointer, JsonNode? value)
    {
        if (pointer.IsRoot)
        {
            Root = value;
            return;
        }

        switch (Container(pointer))
        {
            case JsonObject map:
                if (!map.ContainsKey(pointer.LastToken))
                {
                    throw new PatchApplicationException($"path \"{pointer}\" does not exist");
                }

                map[pointer.LastToken] = value;
                break;
            case JsonArray list:
                list[ArrayIndex(pointer, list, allowEnd: false)] = value;
                break;
        }
    }

    private JsonNode Container(JsonPointer pointer)
    {
        var parent = pointer.Parent;
        if (!TryGet(parent, out var container))
        {
            throw new PatchApplicationException($"path \"{parent}\" (the parent of \"{pointer}\") does not exist");
        }

        return container is JsonObject or JsonArray
            ? container
            : throw new PatchApplicationException($"path \"{parent}\" (the parent of \"{pointer}\") is not an object or array");
    }

    private static int ArrayIndex(JsonPointer pointer, JsonArray list, bool allowEnd)
    {
        if (!JsonPointer.TryParseArrayIndex(pointer.LastToken, out var index))
        {
            throw new PatchApplicationException($"path \"{pointer}\": \"{pointer.LastToken}\" is not a valid array index");
        }

        var limit = allowEnd ? list.Count : list.Count - 1;
        return index <= limit
            ? index
            : throw new PatchApplicationException($"path \"{pointer}\": index {index} is out of range for an array of {list.Count}");
    }
}
