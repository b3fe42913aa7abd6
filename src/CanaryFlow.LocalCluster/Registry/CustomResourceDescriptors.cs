using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.JsonPath;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.OpenApi;
using CanaryFlow.LocalCluster.Printing;
using CanaryFlow.LocalCluster.Schema;
using CanaryFlow.LocalCluster.Strategies;

namespace CanaryFlow.LocalCluster.Registry;

/// <summary>Turns a CustomResourceDefinition into the descriptors of its served versions.</summary>
public static class CustomResourceDescriptors
{
    public static string StorageKey(JsonObject crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var spec = crd.GetObject("spec") ?? [];
        return BuiltInStorage.Key(spec.GetString("group") ?? "", spec["names"]?["plural"]?.GetValue<string>() ?? "");
    }

    public static IReadOnlyList<ResourceDescriptor> FromDefinition(JsonObject crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var spec = crd.GetObject("spec") ?? [];
        var names = spec.GetObject("names") ?? [];
        var group = spec.GetString("group") ?? "";
        var result = new List<ResourceDescriptor>();
        foreach (var version in spec.GetArray("versions")?.OfType<JsonObject>() ?? [])
        {
            if (version.GetBool("served") != true)
            {
                continue;
            }

            var schemaRaw = version["schema"]?["openAPIV3Schema"] as JsonObject;
            var subresources = version.GetObject("subresources");
            var scale = subresources?.GetObject("scale");
            var descriptor = new ResourceDescriptor
            {
                Group = group,
                Version = version.GetString("name") ?? "",
                Resource = names.GetString("plural") ?? "",
                Kind = names.GetString("kind") ?? "",
                ListKindOverride = names.GetString("listKind"),
                Singular = names.GetString("singular") ?? "",
                Namespaced = spec.GetString("scope") == "Namespaced",
                ShortNames = Strings(names.GetArray("shortNames")),
                Categories = Strings(names.GetArray("categories")),
                StorageResource = StorageKey(crd),
                IsCustomResource = true,
                Schema = schemaRaw is null ? null : StructuralSchema.Parse((JsonObject)schemaRaw.DeepClone()),
                Scale = scale is null ? null : new ScaleSubresource(
                    scale.GetString("specReplicasPath") ?? ".spec.replicas",
                    scale.GetString("statusReplicasPath") ?? ".status.replicas",
                    scale.GetString("labelSelectorPath")),
                Strategy = subresources?["status"] is not null ? CustomResourceStrategy.WithStatus : CustomResourceStrategy.WithoutStatus,
                Columns = Columns(version.GetArray("additionalPrinterColumns")),
                SelectableFields = SelectableFields(version.GetArray("selectableFields")),
                OpenApiSchema = schemaRaw is null ? null : (JsonObject)schemaRaw.DeepClone(),

                // The apiextensions discovery controller lists the verbs in this order, not sorted.
                Verbs = ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"],
            };
            result.Add(descriptor);
        }

        return result;
    }

    private static IReadOnlyList<string> Strings(JsonArray? array) =>
        array?.Select(v => v?.GetValue<string>()).OfType<string>().ToList() ?? [];

    /// <summary>The CRD's printer columns; without any, the real server shows Age.</summary>
    private static IReadOnlyList<PrinterColumn> Columns(JsonArray? definitions)
    {
        var columns = definitions?.OfType<JsonObject>().ToList() ?? [];
        if (columns.Count == 0)
        {
            return [Column("Age", "date", "", "Custom resource definition column (in JSONPath format): .metadata.creationTimestamp", 0, ".metadata.creationTimestamp")];
        }

        return columns.Select(c =>
        {
            var jsonPath = c.GetString("jsonPath") ?? "";
            return Column(
                c.GetString("name") ?? "",
                c.GetString("type") ?? "string",
                c.GetString("format") ?? "",
                c.GetString("description") ?? $"Custom resource definition column (in JSONPath format): {jsonPath}",
                (int)(c.GetLong("priority") ?? 0),
                jsonPath);
        }).ToList();
    }

    private static PrinterColumn Column(string name, string type, string format, string description, int priority, string jsonPath)
    {
        var expression = JsonPathExpression.Parse(jsonPath);
        return new PrinterColumn(name, type, format, description, priority, (obj, now) => Cell(type, expression.Evaluate(obj), now));
    }

    /// <summary>The apiextensions table convertor's typing of a cell: typed values, ages for dates, JSON otherwise.</summary>
    private static JsonNode? Cell(string type, IReadOnlyList<JsonNode?> results, DateTimeOffset now)
    {
        if (results.Count == 0 || results[0] is null)
        {
            return null;
        }

        var value = results.Count == 1 ? results[0]! : new JsonArray(results.Select(r => r?.DeepClone()).ToArray());
        if (value is JsonValue scalar)
        {
            switch (type)
            {
                case "integer" when scalar.TryGetValue(out long l):
                    return JsonValue.Create(l);
                case "integer" when scalar.TryGetValue(out double d):
                    return JsonValue.Create((long)d);
                case "number" when scalar.TryGetValue(out double n):
                    return JsonValue.Create(n);
                case "boolean" when scalar.TryGetValue(out bool b):
                    return JsonValue.Create(b);
                case "string" when scalar.TryGetValue(out string? s):
                    return JsonValue.Create(s);
                case "date" when scalar.TryGetValue(out string? t):
                    return KubernetesTime.TryParse(t, out var time) ? HumanDuration.Format(now - time) : "<invalid>";
            }
        }

        return JsonValue.Create(value.ToJsonString());
    }

    private static IReadOnlyDictionary<string, Func<JsonObject, string?>> SelectableFields(JsonArray? fields)
    {
        var result = new Dictionary<string, Func<JsonObject, string?>>(StringComparer.Ordinal);
        foreach (var field in fields?.OfType<JsonObject>() ?? [])
        {
            var jsonPath = field.GetString("jsonPath") ?? "";
            var expression = JsonPathExpression.Parse(jsonPath);
            result[jsonPath.TrimStart('.')] = obj => expression.Evaluate(obj) is [JsonValue v, ..]
                ? v.TryGetValue(out string? s) ? s : v.ToJsonString()
                : null;
        }

        return result;
    }
}
