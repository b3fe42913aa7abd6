using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// The per-keyword rules apiextensions applies to every node of a v1 CRD schema (its OpenAPI schema validation):
/// unsupported keywords, uniqueItems, additionalProperties next to properties, defaults where they are forbidden,
/// list and map type extensions, and the shape of x-kubernetes-validations.
/// </summary>
internal sealed class CrdSchemaKeywordRules
{
    private static readonly string[] _openApiTypes = ["array", "boolean", "integer", "number", "object", "string"];
    private static readonly string[] _listTypes = ["atomic", "set", "map"];
    private static readonly string[] _mapTypes = ["atomic", "granular"];

    /// <summary>Keywords a v1 CRD schema may not use, with upstream's detail for those it names.</summary>
    private static readonly (string Keyword, string Detail)[] _unsupportedKeywords =
    [
        ("id", "id is not supported"),
        ("additionalItems", "additionalItems is not supported"),
        ("patternProperties", "patternProperties is not supported"),
        ("definitions", "definitions is not supported"),
        ("dependencies", "dependencies is not supported"),
        ("$ref", "$ref is not supported"),
        ("deprecated", "deprecated is not supported"),
        ("discriminator", "discriminator is not supported"),
        ("readOnly", "readOnly is not supported"),
        ("writeOnly", "writeOnly is not supported"),
        ("xml", "xml is not supported"),
    ];

    private readonly List<FieldError> _errors = [];

    public static List<FieldError> Check(StructuralSchema root, string path)
    {
        var rules = new CrdSchemaKeywordRules();
        rules.CheckNode(root, path, new Context(DefaultsForbiddenReason: null, InsideResourceMeta: false), isRoot: true);
        return rules._errors;
    }

    private void CheckNode(StructuralSchema schema, string path, Context context, bool isRoot)
    {
        CheckKeywords(schema, path, context);

        if (schema.UniqueItems)
        {
            _errors.Add(FieldError.Forbidden(path + ".uniqueItems", "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
        }

        if (schema.Declares("additionalProperties"))
        {
            if (schema.Properties.Count > 0 && (schema.ForbidsAdditionalProperties() || schema.AdditionalProperties is not null))
            {
                _errors.Add(FieldError.Forbidden(path + ".additionalProperties", "additionalProperties and properties are mutual exclusive"));
            }

            if (schema.AdditionalProperties is { } additional)
            {
                var additionalContext = context.InsideResourceMeta
                    ? context with { DefaultsForbiddenReason = "inside additionalProperties applying to object metadata" }
                    : context;
                CheckNode(additional, path + ".additionalProperties", additionalContext, isRoot: false);
            }
        }

        foreach (var name in schema.PropertyOrder)
        {
            var propertyContext = context;
            if ((isRoot || schema.EmbeddedResource) && name is "metadata" or "kind" or "apiVersion")
            {
                propertyContext = propertyContext with { InsideResourceMeta = true };
                if (isRoot)
                {
                    propertyContext = propertyContext with { DefaultsForbiddenReason = "in top-level " + name };
                }
            }

            CheckNode(schema.Properties[name], path + ".properties[" + name + "]", propertyContext, isRoot: false);
        }

        if (schema.Not is { } not)
        {
            CheckNode(not, path + ".not", context, isRoot: false);
        }

        CheckBranches(schema.AllOf, path + ".allOf", context);
        CheckBranches(schema.OneOf, path + ".oneOf", context);
        CheckBranches(schema.AnyOf, path + ".anyOf", context);

        if (schema.Items is { } items)
        {
            CheckNode(items, path + ".items", context, isRoot: false);
        }

        CheckExtensions(schema, path);
        CheckListMapKeysAndSets(schema, path);
        CheckValidationRules(schema, path);
    }

    private void CheckBranches(IReadOnlyList<StructuralSchema> branches, string path, Context context)
    {
        for (var i = 0; i < branches.Count; i++)
        {
            CheckNode(branches[i], path + "[" + i + "]", context, isRoot: false);
        }
    }

    private void CheckKeywords(StructuralSchema schema, string path, Context context)
    {
        if (!string.IsNullOrEmpty(schema.Type) && Array.IndexOf(_openApiTypes, schema.Type) < 0)
        {
            _errors.Add(FieldError.NotSupported(path + ".type", JsonValue.Create(schema.Type), _openApiTypes));
        }

        if (schema.HasDefault && schema.Default is not null && context.DefaultsForbiddenReason is { } reason)
        {
            _errors.Add(FieldError.Forbidden(path + ".default", "must not be set " + reason));
        }

        foreach (var (keyword, detail) in _unsupportedKeywords)
        {
            if (schema.Declares(keyword))
            {
                _errors.Add(FieldError.Forbidden(path + "." + keyword, detail));
            }
        }

        if (schema.Type == "null")
        {
            _errors.Add(FieldError.Forbidden(path + ".type", "type cannot be set to null, use nullable as an alternative"));
        }

        if (schema.Raw["items"] is JsonArray)
        {
            _errors.Add(FieldError.Forbidden(path + ".items", "items must be a schema object and not an array"));
        }

        if (context.InsideResourceMeta && schema.EmbeddedResource)
        {
            _errors.Add(FieldError.Forbidden(path + ".x-kubernetes-embedded-resource", "must not be used inside of resource meta"));
        }
    }

    private void CheckExtensions(StructuralSchema schema, string path)
    {
        if (schema.Raw["x-kubernetes-preserve-unknown-fields"] is JsonValue preserve &&
            preserve.TryGetValue(out bool preserveValue) && !preserveValue)
        {
            _errors.Add(FieldError.Invalid(path + ".x-kubernetes-preserve-unknown-fields", JsonValue.Create(false), "must be true or undefined"));
        }

        if (schema.MapType is not null && schema.Type != "object")
        {
            AddTypeRequirement(schema, path, "must be object if x-kubernetes-map-type is specified");
        }

        if (schema.MapType is { } mapType && Array.IndexOf(_mapTypes, mapType) < 0)
        {
            _errors.Add(FieldError.NotSupported(path + ".x-kubernetes-map-type", JsonValue.Create(mapType), _mapTypes));
        }

        if (schema.ListType is not null && schema.Type != "array")
        {
            AddTypeRequirement(schema, path, "must be array if x-kubernetes-list-type is specified");
        }
        else if (schema.ListType == "set" && schema.Items is { } setItems)
        {
            if (setItems.Type == "array" && setItems.ListType is not null and not "atomic")
            {
                _errors.Add(FieldError.Invalid(path + ".items.x-kubernetes-list-type", JsonValue.Create(setItems.ListType), "must be atomic as item of a list with x-kubernetes-list-type=set"));
            }
            else if (setItems.Type == "object" && setItems.MapType != "atomic")
            {
                _errors.Add(FieldError.Invalid(path + ".items.x-kubernetes-map-type", setItems.MapType is null ? null : JsonValue.Create(setItems.MapType), "must be atomic as item of a list with x-kubernetes-list-type=set"));
            }
        }

        if (schema.ListType is { } listType && Array.IndexOf(_listTypes, listType) < 0)
        {
            _errors.Add(FieldError.NotSupported(path + ".x-kubernetes-list-type", JsonValue.Create(listType), _listTypes));
        }
    }

    private void AddTypeRequirement(StructuralSchema schema, string path, string detail)
    {
        _errors.Add(string.IsNullOrEmpty(schema.Type)
            ? FieldError.Required(path + ".type", detail)
            : FieldError.Invalid(path + ".type", JsonValue.Create(schema.Type), detail));
    }

    private void CheckListMapKeysAndSets(StructuralSchema schema, string path)
    {
        var keys = schema.ListMapKeys;
        if (keys.Count > 0)
        {
            if (schema.ListType is null)
            {
                _errors.Add(FieldError.Required(path + ".x-kubernetes-list-type", "must be map if x-kubernetes-list-map-keys is non-empty"));
            }
            else if (schema.ListType != "map")
            {
                _errors.Add(FieldError.Invalid(path + ".x-kubernetes-list-type", JsonValue.Create(schema.ListType), "must be map if x-kubernetes-list-map-keys is non-empty"));
            }
        }

        if (schema.ListType == "map")
        {
            CheckListMap(schema, path, keys);
        }

        if (schema.ListType is "set" or "map" && schema.Items is { } items)
        {
            if (items.Nullable)
            {
                _errors.Add(FieldError.Forbidden(path + ".items.nullable", "cannot be nullable when x-kubernetes-list-type is " + schema.ListType));
            }

            if (schema.ListType == "map")
            {
                foreach (var key in keys)
                {
                    if (!items.Properties.TryGetValue(key, out var keySchema))
                    {
                        continue;
                    }

                    var keyPath = path + ".items.properties[" + key + "]";
                    if (!items.Required.Contains(key) && !(keySchema.HasDefault && keySchema.Default is not null))
                    {
                        _errors.Add(FieldError.Required(keyPath + ".default", "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"));
                    }

                    if (keySchema.Nullable)
                    {
                        _errors.Add(FieldError.Forbidden(keyPath + ".nullable", "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"));
                    }
                }
            }
        }
    }

    private void CheckListMap(StructuralSchema schema, string path, IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
        {
            _errors.Add(FieldError.Required(path + ".x-kubernetes-list-map-keys", "must not be empty if x-kubernetes-list-type is map"));
        }

        if (schema.Items is not { } items)
        {
            _errors.Add(FieldError.Required(path + ".items", "must have a schema if x-kubernetes-list-type is map"));
            return;
        }

        if (items.Type != "object")
        {
            _errors.Add(FieldError.Invalid(path + ".items.type", items.Type is null ? null : JsonValue.Create(items.Type), "must be object if parent array's x-kubernetes-list-type is map"));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var keyList = schema.Raw["x-kubernetes-list-map-keys"]?.DeepClone();
        foreach (var key in keys)
        {
            if (items.Properties.TryGetValue(key, out var keySchema))
            {
                if (keySchema.Type is "array" or "object")
                {
                    _errors.Add(FieldError.Invalid(path + ".items.properties[" + key + "].type", JsonValue.Create(items.Type), "must be a scalar type if parent array's x-kubernetes-list-type is map"));
                }
            }
            else
            {
                _errors.Add(FieldError.Invalid(path + ".x-kubernetes-list-map-keys", keyList?.DeepClone(), "entries must all be names of item properties"));
            }

            if (!seen.Add(key))
            {
                _errors.Add(FieldError.Invalid(path + ".x-kubernetes-list-map-keys", keyList?.DeepClone(), "must not contain duplicate entries"));
            }
        }
    }

    private void CheckValidationRules(StructuralSchema schema, string path)
    {
        if (schema.Validations is not { } rules)
        {
            return;
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var rulePath = path + ".x-kubernetes-validations[" + i + "]";
            var rule = JsonNodeTypes.GetString(rules[i]?["rule"]) ?? string.Empty;
            var message = JsonNodeTypes.GetString(rules[i]?["message"]) ?? string.Empty;
            if (rule.Trim().Length == 0)
            {
                _errors.Add(FieldError.Required(rulePath + ".rule", "rule is not specified"));
            }
            else if (message.Length > 0 && message.Trim().Length == 0)
            {
                _errors.Add(FieldError.Invalid(rulePath + ".message", JsonValue.Create(message), "message must be non-empty if specified"));
            }
            else if (message.Trim().AsSpan().IndexOfAny('\n', '\r') >= 0)
            {
                _errors.Add(FieldError.Invalid(rulePath + ".message", JsonValue.Create(message), "message must not contain line breaks"));
            }
            else if (rule.Trim().AsSpan().IndexOfAny('\n', '\r') >= 0 && message.Trim().Length == 0)
            {
                _errors.Add(FieldError.Required(rulePath + ".message", "message must be specified if rule contains line breaks"));
            }
        }
    }

    /// <param name="DefaultsForbiddenReason">Set where defaults are not allowed; the text completes "must not be set ...".</param>
    /// <param name="InsideResourceMeta">Below apiVersion, kind or metadata of a resource root or embedded resource.</param>
    private readonly record struct Context(string? DefaultsForbiddenReason, bool InsideResourceMeta);
}
