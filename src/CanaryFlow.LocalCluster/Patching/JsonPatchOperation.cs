using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Patching;

/// <summary>One validated RFC 6902 operation. Members other than op, path, from and value are ignored, as the RFC requires.</summary>
internal sealed record JsonPatchOperation(string Op, JsonPointer Path, JsonPointer? From, JsonNode? Value)
{
    public const string Add = "add";
    public const string Remove = "remove";
    public const string Replace = "replace";
    public const string Move = "move";
    public const string Copy = "copy";
    public const string Test = "test";

    public static JsonPatchOperation Parse(JsonObject operation)
    {
        var op = RequiredString(operation, "op", "an operation");
        if (op is not (Add or Remove or Replace or Move or Copy or Test))
        {
            throw new PatchApplicationException($"unknown operation \"{op}\"");
        }

        var path = JsonPointer.Parse(RequiredString(operation, "path", op));
        var from = op is Move or Copy ? JsonPointer.Parse(RequiredString(operation, "from", op)) : null;

        // "value": null is a real value (JSON null); only an absent member is an error.
        JsonNode? value = null;
        if (op is Add or Replace or Test && !operation.TryGetPropertyValue("value", out value))
        {
            throw new PatchApplicationException($"\"{op}\" operation at \"{path}\" has no \"value\"");
        }

        return new JsonPatchOperation(op, path, from, value);
    }

    private static string RequiredString(JsonObject operation, string member, string what)
    {
        if (operation[member] is JsonValue value && value.TryGetValue(out string? text))
        {
            return text;
        }

        throw new PatchApplicationException($"{what} needs a string \"{member}\" member: {operation.ToJsonString()}");
    }
}
