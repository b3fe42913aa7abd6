using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// The rules that make a CRD schema structural (apiextensions' ValidateStructural): a type on every specified node,
/// value validations only inside anyOf/allOf/oneOf/not (apart from the two int-or-string shapes), every field named in
/// those also specified outside them, arrays with items, no additionalProperties at the root, and a root metadata
/// that restricts at most name and generateName.
/// </summary>
internal sealed class StructuralSchemaRules
{
    /// <summary>Raw keys a root metadata schema may carry without restricting anything.</summary>
    private static readonly HashSet<string> _neutralMetadataKeys = new(StringComparer.Ordinal)
    {
        "type", "default", "example", "externalDocs", "$schema",
    };

    private static readonly (string Property, string Type)[] _resourceMetaTypes =
        [("kind", "string"), ("apiVersion", "string"), ("metadata", "object")];

    private readonly List<FieldError> _errors = [];

    private enum Level
    {
        Root,
        Item,
        Field,
    }

    /// <summary>The violations, sorted by their text as upstream sorts them.</summary>
    public static List<FieldError> Check(StructuralSchema root, string path)
    {
        var rules = new StructuralSchemaRules();
        rules.CheckInvariants(root, Level.Root, path);
        rules.CheckCompleteness(root, path);
        rules._errors.Sort(static (a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));
        return rules._errors;
    }

    private void CheckInvariants(StructuralSchema schema, Level level, string path)
    {
        if (schema.Type == "array" && schema.Items is null)
        {
            _errors.Add(FieldError.Required(path + ".items", "must be specified"));
        }

        if (schema.Items is { } items)
        {
            CheckInvariants(items, Level.Item, path + ".items");
        }

        foreach (var name in schema.PropertyOrder)
        {
            CheckInvariants(schema.Properties[name], Level.Field, path + ".properties[" + name + "]");
        }

        var declaresAdditional = schema.Declares("additionalProperties");
        if (declaresAdditional && level == Level.Root)
        {
            _errors.Add(FieldError.Forbidden(path + ".additionalProperties", "must not be used at the root"));
        }

        if (schema.AdditionalProperties is { } additional)
        {
            CheckInvariants(additional, Level.Field, path + ".additionalProperties");
        }

        if (schema.IntOrString && schema.PreserveUnknownFields)
        {
            _errors.Add(FieldError.Invalid(path + ".x-kubernetes-preserve-unknown-fields", JsonValue.Create(true), "must be false if x-kubernetes-int-or-string is true"));
        }

        if (schema.IntOrString && schema.EmbeddedResource)
        {
            _errors.Add(FieldError.Invalid(path + ".x-kubernetes-embedded-resource", JsonValue.Create(true), "must be false if x-kubernetes-int-or-string is true"));
        }

        var skipAnyOf = IsIntOrStringAnyOf(schema.AnyOf);
        var skipFirstAllOfAnyOf = schema.AllOf.Count >= 1 && IsIntOrStringAnyOf(schema.AllOf[0].AnyOf);
        CheckValueValidation(schema, skipAnyOf, skipFirstAllOfAnyOf, path);

        if (schema.EmbeddedResource && schema.Type != "object")
        {
            _errors.Add(string.IsNullOrEmpty(schema.Type)
                ? FieldError.Required(path + ".type", "must be object if x-kubernetes-embedded-resource is true")
                : FieldError.Invalid(path + ".type", JsonValue.Create(schema.Type), "must be object if x-kubernetes-embedded-resource is true"));
        }
        else if (string.IsNullOrEmpty(schema.Type) && !schema.IntOrString && !schema.PreserveUnknownFields)
        {
            _errors.Add(FieldError.Required(path + ".type", level switch
            {
                Level.Root => "must not be empty at the root",
                Level.Item => "must not be empty for specified array items",
                _ => "must not be empty for specified object fields",
            }));
        }

        if (schema.EmbeddedResource && declaresAdditional)
        {
            _errors.Add(FieldError.Forbidden(path + ".additionalProperties", "must not be used if x-kubernetes-embedded-resource is set"));
        }

        if (level == Level.Root && !string.IsNullOrEmpty(schema.Type) && schema.Type != "object")
        {
            _errors.Add(FieldError.Invalid(path + ".type", JsonValue.Create(schema.Type), "must be object at the root"));
        }

        if (level == Level.Root || schema.EmbeddedResource)
        {
            CheckResourceMetaTypes(schema, path);
        }

        if (level == Level.Root && schema.Properties.TryGetValue("metadata", out var metadata) && RestrictsMoreThanNames(metadata))
        {
            _errors.Add(FieldError.Forbidden(path + ".properties[metadata]", "must not specify anything other than name and generateName, but metadata is implicitly specified"));
        }

        if (schema.EmbeddedResource && !schema.PreserveUnknownFields && schema.Properties.Count == 0)
        {
            _errors.Add(FieldError.Required(path + ".properties", "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"));
        }
    }

    private void CheckResourceMetaTypes(StructuralSchema schema, string path)
    {
        foreach (var (name, expected) in _resourceMetaTypes)
        {
            if (schema.Properties.TryGetValue(name, out var property) && property.Type != expected)
            {
                _errors.Add(FieldError.Invalid(path + ".properties[" + name + "].type", JsonValue.Create(property.Type ?? string.Empty), "must be " + expected));
            }
        }
    }

    private static bool RestrictsMoreThanNames(StructuralSchema metadata)
    {
        foreach (var (key, _) in metadata.Raw)
        {
            if (_neutralMetadataKeys.Contains(key))
            {
                continue;
            }

            if (key == "properties" && OnlyNames(metadata))
            {
                continue;
            }

            return true;
        }

        return false;
    }

    private static bool OnlyNames(StructuralSchema metadata)
    {
        foreach (var name in metadata.PropertyOrder)
        {
            if (name is not ("name" or "generateName"))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>anyOf: [{type: integer}, {type: string}], the shape int-or-string fields may keep under a junctor.</summary>
    private static bool IsIntOrStringAnyOf(IReadOnlyList<StructuralSchema> anyOf) =>
        anyOf.Count == 2 &&
        anyOf[0].Raw.Count == 1 && anyOf[0].Type == "integer" &&
        anyOf[1].Raw.Count == 1 && anyOf[1].Type == "string";

    private void CheckValueValidation(StructuralSchema schema, bool skipAnyOf, bool skipFirstAllOfAnyOf, string path)
    {
        if (!skipAnyOf)
        {
            for (var i = 0; i < schema.AnyOf.Count; i++)
            {
                CheckNested(schema.AnyOf[i], false, path + ".anyOf[" + i + "]");
            }
        }

        for (var i = 0; i < schema.AllOf.Count; i++)
        {
            CheckNested(schema.AllOf[i], skipFirstAllOfAnyOf && i == 0, path + ".allOf[" + i + "]");
        }

        for (var i = 0; i < schema.OneOf.Count; i++)
        {
            CheckNested(schema.OneOf[i], false, path + ".oneOf[" + i + "]");
        }

        if (schema.Not is { } not)
        {
            CheckNested(not, false, path + ".not");
        }

        if (schema.Pattern is { } pattern && SchemaPatternCache.CompileError(pattern) is { } error)
        {
            _errors.Add(FieldError.Invalid(path + ".pattern", JsonValue.Create(pattern), "must be a valid regular expression, but isn't: " + error));
        }
    }

    /// <summary>A schema under a junctor: only value validations, items and properties are allowed.</summary>
    private void CheckNested(StructuralSchema nested, bool skipAnyOf, string path)
    {
        CheckValueValidation(nested, skipAnyOf, false, path);
        if (nested.Items is { } items)
        {
            CheckNested(items, false, path + ".items");
        }

        foreach (var name in nested.PropertyOrder)
        {
            CheckNested(nested.Properties[name], false, path + ".properties[" + name + "]");
        }

        ForbidIn("type", "must be empty to be structural", path, !string.IsNullOrEmpty(nested.Type));
        ForbidIn("additionalProperties", "must be undefined to be structural", path, nested.Declares("additionalProperties"));
        ForbidIn("default", "must be undefined to be structural", path, nested.HasDefault && nested.Default is not null);
        ForbidIn("title", "must be empty to be structural", path, nested.Raw["title"] is JsonValue title && title.ToString().Length > 0);
        ForbidIn("description", "must be empty to be structural", path, !string.IsNullOrEmpty(nested.Description));
        ForbidIn("nullable", "must be false to be structural", path, nested.Nullable);
        ForbidIn("x-kubernetes-preserve-unknown-fields", "must be false to be structural", path, nested.PreserveUnknownFields);
        ForbidIn("x-kubernetes-embedded-resource", "must be false to be structural", path, nested.EmbeddedResource);
        ForbidIn("x-kubernetes-int-or-string", "must be false to be structural", path, nested.IntOrString);
        ForbidIn("x-kubernetes-list-map-keys", "must be empty to be structural", path, nested.ListMapKeys.Count > 0);
        ForbidIn("x-kubernetes-list-type", "must be undefined to be structural", path, nested.ListType is not null);

        if (nested.Properties.ContainsKey("metadata"))
        {
            _errors.Add(FieldError.Forbidden(path + ".properties[metadata]", "must not be specified in a nested context"));
        }
    }

    private void ForbidIn(string keyword, string detail, string path, bool present)
    {
        if (present)
        {
            _errors.Add(FieldError.Forbidden(path + "." + keyword, detail));
        }
    }

    /// <summary>Every field or items named under a junctor must be specified at the same place outside of it.</summary>
    private void CheckCompleteness(StructuralSchema schema, string path)
    {
        CheckJunctorCompleteness(schema, schema, path, path);
        if (schema.Items is { } items)
        {
            CheckCompleteness(items, path + ".items");
        }

        foreach (var name in schema.PropertyOrder)
        {
            CheckCompleteness(schema.Properties[name], path + ".properties[" + name + "]");
        }

        if (schema.AdditionalProperties is { } additional)
        {
            CheckCompleteness(additional, path + ".additionalProperties");
        }
    }

    private void CheckJunctorCompleteness(StructuralSchema valueValidation, StructuralSchema? structural, string structuralPath, string valuePath)
    {
        if (valueValidation.Not is { } not)
        {
            CheckNestedCompleteness(not, structural, structuralPath, valuePath + ".not");
        }

        CheckBranchesCompleteness(valueValidation.AllOf, structural, structuralPath, valuePath + ".allOf");
        CheckBranchesCompleteness(valueValidation.AnyOf, structural, structuralPath, valuePath + ".anyOf");
        CheckBranchesCompleteness(valueValidation.OneOf, structural, structuralPath, valuePath + ".oneOf");
    }

    private void CheckBranchesCompleteness(IReadOnlyList<StructuralSchema> branches, StructuralSchema? structural, string structuralPath, string valuePath)
    {
        for (var i = 0; i < branches.Count; i++)
        {
            CheckNestedCompleteness(branches[i], structural, structuralPath, valuePath + "[" + i + "]");
        }
    }

    private void CheckNestedCompleteness(StructuralSchema nested, StructuralSchema? structural, string structuralPath, string valuePath)
    {
        if (structural is null)
        {
            _errors.Add(FieldError.Required(structuralPath, "because it is defined in " + valuePath));
            return;
        }

        CheckJunctorCompleteness(nested, structural, structuralPath, valuePath);
        if (nested.Items is { } items)
        {
            CheckNestedCompleteness(items, structural.Items, structuralPath + ".items", valuePath + ".items");
        }

        foreach (var name in nested.PropertyOrder)
        {
            var structuralPropertyPath = structuralPath + ".properties[" + name + "]";
            var valuePropertyPath = valuePath + ".properties[" + name + "]";
            if (structural.Properties.TryGetValue(name, out var property))
            {
                CheckNestedCompleteness(nested.Properties[name], property, structuralPropertyPath, valuePropertyPath);
            }
            else
            {
                _errors.Add(FieldError.Required(structuralPropertyPath, "because it is defined in " + valuePropertyPath));
            }
        }
    }
}
