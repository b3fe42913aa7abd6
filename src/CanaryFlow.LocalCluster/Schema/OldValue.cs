using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// The value a node had before an update, when one correlates with it. <see cref="Exists"/> separates "the old value
/// was null" from "there is no old value to compare with".
/// </summary>
internal readonly record struct OldValue(JsonNode? Node, bool Exists)
{
    public static OldValue None => default;

    public static OldValue Of(JsonObject? parent, string key) =>
        parent is not null && parent.TryGetPropertyValue(key, out var node) ? new OldValue(node, true) : None;
}
