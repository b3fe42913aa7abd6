using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Core.Tests.Crd;

/// <summary>
/// Walks a C# model type and a CRD's OpenAPI v3 schema together and lists every place where they disagree: a
/// property on one side only, or a schema node whose type does not match the C# type. A field missing from the
/// schema is pruned by the API server and silently lost; a field missing from the C# type is dropped by the
/// controller's model; either is a bug that only shows at run time.
/// </summary>
/// <remarks>
/// It knows nothing of a particular kind: every CRD of crds/ is compared with its root type (<see cref="ShippedCrd"/>).
/// Paths are field paths as users write them: <c>spec.strategy.canary.steps[*].setWeight</c>, with <c>[*]</c> for
/// list items and <c>{*}</c> for map values.
/// </remarks>
public static class CrdSchemaComparer
{
    // Every object has them and the API server handles them itself; the models inherit them from KubernetesObject.
    private static readonly HashSet<string> _objectMembers = ["apiVersion", "kind", "metadata"];

    public static IReadOnlyList<string> Compare(Type rootType, JsonObject rootSchema)
    {
        ArgumentNullException.ThrowIfNull(rootType);
        ArgumentNullException.ThrowIfNull(rootSchema);
        var differences = new List<string>();
        CompareRecord(rootType, rootSchema, "", _objectMembers, differences);
        return differences;
    }

    /// <summary>The schema node at a field path of the notation above; a test uses it to point at what it checks or breaks.</summary>
    public static JsonObject NodeAt(JsonObject schema, string path)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(path);
        var node = schema;
        foreach (var name in path.Replace("[*]", ".[*]", StringComparison.Ordinal).Replace("{*}", ".{*}", StringComparison.Ordinal).Split('.'))
        {
            node = name switch
            {
                "[*]" => node["items"]!.AsObject(),
                "{*}" => node["additionalProperties"]!.AsObject(),
                _ => node["properties"]![name]!.AsObject(),
            };
        }

        return node;
    }

    private static void CompareNode(Type type, JsonObject schema, string path, List<string> differences)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var shape = Shape.Of(schema);
        if (shape.IntOrString != (type == typeof(IntOrString)))
        {
            differences.Add($"{path}: C# {Describe(type)} but the CRD x-kubernetes-int-or-string is {shape.IntOrString}");
            return;
        }

        switch (type)
        {
            case var t when t == typeof(string):
                Expect(shape, "string", null, type, path, differences);
                break;
            case var t when t == typeof(int):
                Expect(shape, "integer", "int32", type, path, differences);
                break;
            case var t when t == typeof(long):
                Expect(shape, "integer", "int64", type, path, differences);
                break;
            case var t when t == typeof(bool):
                Expect(shape, "boolean", null, type, path, differences);
                break;
            case var t when t == typeof(DateTimeOffset):
                Expect(shape, "string", "date-time", type, path, differences);
                break;
            case var t when t == typeof(IntOrString):
                Expect(shape, null, null, type, path, differences);
                break;
            case var t when t == typeof(JsonElement):
                // Kept as raw JSON by the model: the schema must keep whatever the user wrote below it.
                Expect(shape, "object", null, type, path, differences);
                if (!shape.PreserveUnknownFields)
                {
                    differences.Add($"{path}: C# JsonElement keeps any member but the CRD lacks x-kubernetes-preserve-unknown-fields: true");
                }

                break;
            case var t when DictionaryValueType(t) is { } valueType:
                Expect(shape, "object", null, type, path, differences);
                if (schema["additionalProperties"] is JsonObject values)
                {
                    CompareNode(valueType, values, path + "{*}", differences);
                }
                else
                {
                    differences.Add($"{path}: C# {Describe(type)} is a map but the CRD has no additionalProperties schema");
                }

                break;
            case var t when ListItemType(t) is { } itemType:
                Expect(shape, "array", null, type, path, differences);
                if (schema["items"] is JsonObject items)
                {
                    CompareNode(itemType, items, path + "[*]", differences);
                }
                else
                {
                    differences.Add($"{path}: C# {Describe(type)} is a list but the CRD has no items schema");
                }

                break;
            case var t when typeof(KubernetesRecord).IsAssignableFrom(t):
                Expect(shape, "object", null, type, path, differences);
                if (shape.PreserveUnknownFields)
                {
                    differences.Add($"{path}: C# {t.Name} models its members but the CRD keeps unknown fields there");
                }

                CompareRecord(t, schema, path, [], differences);
                break;
            default:
                differences.Add($"{path}: C# {Describe(type)} has no known CRD mapping; teach {nameof(CrdSchemaComparer)} about it");
                break;
        }
    }

    private static void CompareRecord(Type type, JsonObject schema, string path, HashSet<string> skipped, List<string> differences)
    {
        var members = JsonMembers(type).Where(m => !skipped.Contains(m.Key)).ToDictionary(StringComparer.Ordinal);
        var properties = schema["properties"] as JsonObject ?? [];
        foreach (var (name, property) in members)
        {
            if (properties[name] is JsonObject child)
            {
                CompareNode(property.PropertyType, child, Join(path, name), differences);
            }
            else
            {
                differences.Add($"{Join(path, name)}: on C# {type.Name}.{property.Name} but not in the CRD");
            }
        }

        foreach (var (name, _) in properties)
        {
            if (!members.ContainsKey(name) && !skipped.Contains(name))
            {
                differences.Add($"{Join(path, name)}: in the CRD but not on C# {type.Name}");
            }
        }

        // The API server accepts such a CRD, and then refuses every object: none can set a field the schema prunes.
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => (string)r!))
        {
            if (properties[required] is null)
            {
                differences.Add($"{Join(path, required)}: required by the CRD but not in its properties");
            }
        }

        if (schema.ContainsKey("additionalProperties"))
        {
            differences.Add($"{path}: C# {type.Name} has fixed members but the CRD allows additionalProperties");
        }
    }

    /// <summary>The public instance properties System.Text.Json writes, by their JSON name (camelCase unless renamed).</summary>
    private static IEnumerable<KeyValuePair<string, PropertyInfo>> JsonMembers(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.GetIndexParameters().Length == 0)
            .Select(p => KeyValuePair.Create(
                p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                p));

    private static void Expect(Shape shape, string? type, string? format, Type clrType, string path, List<string> differences)
    {
        if (shape.Type != type || shape.Format != format)
        {
            differences.Add($"{path}: C# {Describe(clrType)} wants {Show(type, format)} but the CRD has {Show(shape.Type, shape.Format)}");
        }
    }

    private static Type? DictionaryValueType(Type type) =>
        GenericInterfaces(type, typeof(IReadOnlyDictionary<,>), typeof(IDictionary<,>))
            .FirstOrDefault(args => args[0] == typeof(string))?[1];

    private static Type? ListItemType(Type type) =>
        type == typeof(string) ? null : GenericInterfaces(type, typeof(IEnumerable<>)).FirstOrDefault()?[0];

    private static IEnumerable<Type[]> GenericInterfaces(Type type, params Type[] definitions) =>
        (type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces())
            .Where(i => i.IsGenericType && definitions.Contains(i.GetGenericTypeDefinition()))
            .Select(i => i.GetGenericArguments());

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Show(string? type, string? format) =>
        (type ?? "no type") + (format is null ? "" : "/" + format);

    private static string Describe(Type type) =>
        type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>"
            : type.Name;

    private sealed record Shape(string? Type, string? Format, bool IntOrString, bool PreserveUnknownFields)
    {
        public static Shape Of(JsonObject schema) => new(
            (string?)schema["type"],
            (string?)schema["format"],
            schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true,
            schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true);
    }
}
