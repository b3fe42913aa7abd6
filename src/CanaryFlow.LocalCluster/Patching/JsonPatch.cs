using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Patching;

/// <summary>RFC 6902 JSON Patch (<c>application/json-patch+json</c>).</summary>
public static class JsonPatch
{
    /// <summary>The real server refuses longer patches (413) to bound the work one request can cause.</summary>
    public const int MaxOperations = 10000;

    /// <summary>
    /// Applies <paramref name="patch"/> to a copy of <paramref name="document"/>; neither argument is modified and the
    /// result shares no nodes with them.
    /// </summary>
    /// <exception cref="PatchFormatException">The patch is not a JSON array of objects.</exception>
    /// <exception cref="PatchTooLargeException">The patch has more than <see cref="MaxOperations"/> operations.</exception>
    /// <exception cref="PatchApplicationException">An operation is malformed or cannot be applied.</exception>
    public static JsonNode? Apply(JsonNode? document, JsonNode? patch)
    {
        var operations = ReadOperations(patch);
        var target = new JsonPatchTarget(document?.DeepClone());
        for (var i = 0; i < operations.Count; i++)
        {
            try
            {
                ApplyOperation(target, JsonPatchOperation.Parse(operations[i]));
            }
            catch (PatchApplicationException e)
            {
                throw new PatchApplicationException($"JSON patch operation {i}: {e.Message}", e);
            }
        }

        return target.Root;
    }

    private static List<JsonObject> ReadOperations(JsonNode? patch)
    {
        if (patch is not JsonArray list)
        {
            throw new PatchFormatException("a JSON patch must be a JSON array of operation objects");
        }

        var operations = new List<JsonObject>(list.Count);
        foreach (var element in list)
        {
            operations.Add(element as JsonObject
                ?? throw new PatchFormatException($"a JSON patch must be a JSON array of operation objects, found {element?.ToJsonString() ?? "null"}"));
        }

        return operations.Count <= MaxOperations
            ? operations
            : throw new PatchTooLargeException($"the JSON patch has {operations.Count} operations, more than the {MaxOperations} allowed");
    }

    private static void ApplyOperation(JsonPatchTarget target, JsonPatchOperation operation)
    {
        switch (operation.Op)
        {
            case JsonPatchOperation.Add:
                target.Add(operation.Path, operation.Value?.DeepClone());
                break;
            case JsonPatchOperation.Remove:
                target.Remove(operation.Path);
                break;
            case JsonPatchOperation.Replace:
                target.Replace(operation.Path, operation.Value?.DeepClone());
                break;
            case JsonPatchOperation.Move:
                Move(target, operation.From!, operation.Path);
                break;
            case JsonPatchOperation.Copy:
                target.Add(operation.Path, target.Get(operation.From!)?.DeepClone());
                break;
            case JsonPatchOperation.Test:
                var actual = target.Get(operation.Path);
                if (!JsonNode.DeepEquals(actual, operation.Value))
                {
                    throw new PatchApplicationException(
                        $"test failed at \"{operation.Path}\": expected {operation.Value?.ToJsonString() ?? "null"}, found {actual?.ToJsonString() ?? "null"}");
                }

                break;
        }
    }

    private static void Move(JsonPatchTarget target, JsonPointer from, JsonPointer path)
    {
        if (from.IsProperPrefixOf(path))
        {
            throw new PatchApplicationException($"cannot move \"{from}\" into its own child \"{path}\"");
        }

        if (from.SameLocationAs(path))
        {
            target.Get(from);
            return;
        }

        target.Add(path, target.Remove(from));
    }
}
