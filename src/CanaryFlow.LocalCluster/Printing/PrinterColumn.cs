using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Printing;

/// <summary>A Table column (after the implicit Name column) and how to compute its cell from an object.</summary>
public sealed record PrinterColumn(string Name, string Type, string Format, string Description, int Priority, Func<JsonObject, DateTimeOffset, JsonNode?> Cell)
{
    public JsonObject Definition() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Description,
        ["priority"] = Priority,
    };
}
