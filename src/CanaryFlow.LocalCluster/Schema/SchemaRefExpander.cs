using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// Replaces the <c>$ref</c> nodes of schema definitions by the definitions they name, so that validation,
/// defaulting and strategic merge walk one self-contained tree and never follow references themselves.
/// Not thread-safe: <see cref="BuiltInSchemas"/> serialises access.
/// </summary>
internal sealed class SchemaRefExpander
{
    public const string RefPrefix = "#/definitions/";

    // Keys a $ref node may carry besides $ref. They describe the referencing field rather than the referenced
    // type (a field's own description, a default such as `resources: {}`, Deployment strategy's retainKeys),
    // which is why the real OpenAPI puts them beside an allOf-wrapped $ref; expansion lets them win.
    private static readonly HashSet<string> _allowedRefSiblings =
        new(["description", "default", "x-kubernetes-patch-strategy"], StringComparer.Ordinal);

    private static readonly string[] _singleSchemaKeywords = ["additionalProperties", "items", "not"];
    private static readonly string[] _schemaListKeywords = ["allOf", "anyOf", "oneOf"];

    private readonly IReadOnlyDictionary<string, JsonObject> _definitions;
    private readonly Dictionary<string, JsonObject> _expanded = new(StringComparer.Ordinal);
    private readonly List<string> _inProgress = [];

    public SchemaRefExpander(IReadOnlyDictionary<string, JsonObject> definitions)
    {
        _definitions = definitions;
    }

    /// <summary>Checks every <c>$ref</c> of every definition, so a broken file fails when it is loaded, not on first use.</summary>
    public void VerifyReferences()
    {
        foreach (var (name, definition) in _definitions)
        {
            Verify(definition, name, name);
        }
    }

    /// <summary>The named definition with every <c>$ref</c> replaced, recursively. The result is shared: clone before changing it.</summary>
    public JsonObject Expand(string definitionName)
    {
        if (_expanded.TryGetValue(definitionName, out var done))
        {
            return done;
        }

        if (_inProgress.Contains(definitionName, StringComparer.Ordinal))
        {
            var cycle = string.Join(" -> ", _inProgress.SkipWhile(n => n != definitionName).Append(definitionName));
            throw new SchemaDefinitionException($"schema definition {definitionName} refers to itself: {cycle}");
        }

        if (!_definitions.TryGetValue(definitionName, out var definition))
        {
            throw new KeyNotFoundException($"no schema definition named {definitionName}");
        }

        _inProgress.Add(definitionName);
        try
        {
            var expanded = ExpandNode(definition, definitionName);
            _expanded[definitionName] = expanded;
            return expanded;
        }
        finally
        {
            _inProgress.RemoveAt(_inProgress.Count - 1);
        }
    }

    /// <summary>The nested schemas of a schema node with a readable path for each, e.g. <c>Pod.properties.spec</c>.</summary>
    public static IEnumerable<(string Path, JsonObject Schema)> ChildSchemas(JsonObject schema, string path)
    {
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, value) in properties)
            {
                if (value is JsonObject child)
                {
                    yield return ($"{path}.properties.{name}", child);
                }
            }
        }

        foreach (var keyword in _singleSchemaKeywords)
        {
            if (schema[keyword] is JsonObject child)
            {
                yield return ($"{path}.{keyword}", child);
            }
        }

        foreach (var keyword in _schemaListKeywords)
        {
            if (schema[keyword] is JsonArray list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is JsonObject child)
                    {
                        yield return ($"{path}.{keyword}[{i}]", child);
                    }
                }
            }
        }
    }

    private void Verify(JsonObject schema, string path, string owner)
    {
        if (schema.ContainsKey("$ref"))
        {
            TargetOf(schema, path, owner);
            return;
        }

        foreach (var (childPath, child) in ChildSchemas(schema, path))
        {
            Verify(child, childPath, owner);
        }
    }

    private string TargetOf(JsonObject refNode, string path, string owner)
    {
        var reference = refNode["$ref"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
        if (reference is null || !reference.StartsWith(RefPrefix, StringComparison.Ordinal))
        {
            throw new SchemaDefinitionException($"{path}: $ref must be a string starting with {RefPrefix}, found {refNode["$ref"]?.ToJsonString() ?? "null"}");
        }

        var target = reference[RefPrefix.Length..];
        if (!_definitions.ContainsKey(target))
        {
            throw new SchemaDefinitionException($"{path}: $ref target {target} is not defined (referenced from {owner})");
        }

        foreach (var (key, _) in refNode)
        {
            if (key != "$ref" && !_allowedRefSiblings.Contains(key))
            {
                throw new SchemaDefinitionException(
                    $"{path}: a $ref node may only carry {string.Join(", ", _allowedRefSiblings)}; found {key}");
            }
        }

        return target;
    }

    private JsonObject ExpandNode(JsonObject schema, string owner)
    {
        if (schema.ContainsKey("$ref"))
        {
            var expanded = (JsonObject)Expand(TargetOf(schema, owner, owner)).DeepClone();
            foreach (var (key, value) in schema)
            {
                if (key != "$ref")
                {
                    expanded[key] = value?.DeepClone();
                }
            }

            return expanded;
        }

        var copy = new JsonObject();
        foreach (var (key, value) in schema)
        {
            copy[key] = ExpandKeyword(key, value, owner);
        }

        return copy;
    }

    private JsonNode? ExpandKeyword(string keyword, JsonNode? value, string owner)
    {
        switch (value)
        {
            case JsonObject properties when keyword == "properties":
                var expandedProperties = new JsonObject();
                foreach (var (name, property) in properties)
                {
                    expandedProperties[name] = property is JsonObject child ? ExpandNode(child, owner) : property?.DeepClone();
                }

                return expandedProperties;
            case JsonObject child when _singleSchemaKeywords.Contains(keyword):
                return ExpandNode(child, owner);
            case JsonArray list when _schemaListKeywords.Contains(keyword):
                return new JsonArray(list.Select(item => item is JsonObject child ? ExpandNode(child, owner) : item?.DeepClone()).ToArray());
            default:
                return value?.DeepClone();
        }
    }
}
