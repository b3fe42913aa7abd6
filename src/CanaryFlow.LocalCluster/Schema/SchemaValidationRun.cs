using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// One validation of a value against a schema: walks value and schema together, running kube-openapi's validators
/// for each node, and, when ratcheting, skips every subtree whose value equals the correlated old value.
/// </summary>
internal sealed partial class SchemaValidationRun
{
    private readonly ValidationPath _path;
    private readonly bool _ratcheting;

    public SchemaValidationRun(string fieldPrefix, bool ratcheting)
    {
        _path = new ValidationPath(fieldPrefix);
        _ratcheting = ratcheting;
    }

    /// <param name="structural">False inside anyOf/oneOf/allOf/not branches, where list-type invariants are not checked.</param>
    public void ValidateNode(JsonNode? value, StructuralSchema schema, OldValue old, bool structural, List<FieldError> sink)
    {
        if (_ratcheting && old.Exists && JsonValueEquality.AreEqual(old.Node, value))
        {
            return;
        }

        var type = JsonNodeTypes.Of(value);
        if (type == JsonNodeType.Null)
        {
            CheckNull(schema, sink);
            CheckEnum(value, schema, sink);
            return;
        }

        CheckType(value!, type, schema, sink);
        if (schema.AllOf.Count > 0 || schema.AnyOf.Count > 0 || schema.OneOf.Count > 0 || schema.Not is not null)
        {
            CheckJunctors(value, schema, sink);
        }

        switch (type)
        {
            case JsonNodeType.String:
                CheckString(value!, schema, sink);
                break;
            case JsonNodeType.Integer or JsonNodeType.Number:
                CheckNumber(value!, type, schema, sink);
                break;
            case JsonNodeType.Array:
                CheckArray((JsonArray)value!, schema, old, structural, sink);
                break;
            case JsonNodeType.Object:
                CheckObject((JsonObject)value!, schema, old, structural, sink);
                break;
        }

        CheckEnum(value, schema, sink);
    }

    private void CheckObject(JsonObject obj, StructuralSchema schema, OldValue old, bool structural, List<FieldError> sink)
    {
        var count = obj.Count;

        // kube-openapi stops at a property-count violation without looking at the properties.
        if (schema.MinProperties is { } min && count < min)
        {
            AddInvalid(sink, JsonValue.Create((long)count), $"should have at least {min} properties");
            return;
        }

        if (schema.MaxProperties is { } max && count > max)
        {
            sink.Add(FieldError.TooMany(_path.FieldOfName(_path.Name), count, max));
            return;
        }

        var oldObject = _ratcheting && old.Exists ? old.Node as JsonObject : null;
        for (var i = 0; i < count; i++)
        {
            var (key, child) = obj.GetAt(i);
            if (schema.Properties.TryGetValue(key, out var property))
            {
                var mark = _path.EnterProperty(key);
                ValidateNode(child, property, OldValue.Of(oldObject, key), structural, sink);
                _path.Leave(mark);
            }
            else if (schema.AdditionalProperties is { } additional)
            {
                var mark = _path.EnterMapValue(key);
                ValidateNode(child, additional, OldValue.Of(oldObject, key), structural, sink);
                _path.Leave(mark);
            }
            else if (!schema.AdditionalPropertiesAllowed && schema.ForbidsAdditionalProperties())
            {
                var name = _path.Name;
                sink.Add(FieldError.Invalid(_path.FieldOfName(name), JsonValue.Create(key), name + "." + key + " in body is a forbidden property"));
            }
        }

        foreach (var required in schema.Required)
        {
            if (!obj.ContainsKey(required))
            {
                sink.Add(FieldError.Required(_path.FieldOfName(_path.Name + "." + required), string.Empty));
            }
        }
    }

    private void CheckArray(JsonArray array, StructuralSchema schema, OldValue old, bool structural, List<FieldError> sink)
    {
        if (schema.Items is { } items)
        {
            var oldItems = _ratcheting && old.Exists && old.Node is JsonArray oldArray ? OldItemIndex.Create(oldArray, schema) : null;
            for (var i = 0; i < array.Count; i++)
            {
                var mark = _path.EnterIndex(i);
                ValidateNode(array[i], items, oldItems?.Find(array[i]) ?? OldValue.None, structural, sink);
                _path.Leave(mark);
            }
        }

        var size = array.Count;
        if (schema.MinItems is { } min && size < min)
        {
            AddInvalid(sink, JsonValue.Create((long)size), $"should have at least {min} items");
        }

        if (schema.MaxItems is { } max && size > max)
        {
            sink.Add(FieldError.TooMany(_path.FieldOfName(_path.Name), size, max));
        }

        if (schema.UniqueItems && HasDuplicateItems(array))
        {
            AddInvalid(sink, JsonValue.Create(string.Empty), "shouldn't contain duplicates");
        }

        if (structural && schema.ListType is "set" or "map")
        {
            CheckListType(array, schema, sink);
        }
    }

    private void CheckEnum(JsonNode? value, StructuralSchema schema, List<FieldError> sink)
    {
        if (schema.Enum is not { Count: > 0 } values)
        {
            return;
        }

        // A null never matches: kube-openapi skips null enum members and cannot compare a nil value.
        if (value is not null && IsEnumMember(value, values))
        {
            return;
        }

        var texts = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            texts[i] = JsonNodeTypes.GetString(values[i]) ?? GoValueFormatter.Json(values[i]);
        }

        sink.Add(FieldError.NotSupported(_path.FieldOfName(_path.Name), value?.DeepClone(), texts));
    }

    private static bool IsEnumMember(JsonNode value, IReadOnlyList<JsonNode?> values)
    {
        // Strings are by far the most common enums; compare them without materialising every member.
        if (JsonNodeTypes.GetString(value) is { } text)
        {
            foreach (var allowed in values)
            {
                if (allowed is JsonValue member && (member.TryGetValue(out JsonElement element)
                    ? element.ValueKind == JsonValueKind.String && element.ValueEquals(text)
                    : string.Equals(JsonNodeTypes.GetString(member), text, StringComparison.Ordinal)))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var allowed in values)
        {
            if (allowed is not null && JsonValueEquality.AreEqual(value, allowed))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasDuplicateItems(JsonArray array)
    {
        for (var i = 1; i < array.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (JsonValueEquality.AreEqual(array[i], array[j]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Adds a kube-openapi validation failure: <c>&lt;name&gt; in body &lt;message&gt;</c> as Invalid value.</summary>
    private void AddInvalid(List<FieldError> sink, JsonNode? badValue, string message)
    {
        var name = _path.Name;
        sink.Add(FieldError.Invalid(_path.FieldOfName(name), badValue, name + " in body " + message));
    }
}
