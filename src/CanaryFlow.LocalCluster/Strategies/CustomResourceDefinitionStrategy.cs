using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Schema;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Strategies;

/// <summary>
/// CustomResourceDefinitions: validated as the apiextensions server does (names, scope, exactly one storage
/// version, structural schemas), defaulted, and established at once: LocalCluster is also the controller that
/// accepts names, so status is written here and the resource is served as soon as the create returns.
/// </summary>
public sealed class CustomResourceDefinitionStrategy : ResourceStrategy
{
    public static CustomResourceDefinitionStrategy Instance { get; } = new();

    public override bool TracksGeneration => true;

    public override bool HasStatusSubresource => true;

    public override void PrepareForCreate(JsonObject obj, WriteContext context) => obj.Remove("status");

    public override void ApplyDefaults(JsonObject obj, WriteContext context)
    {
        var spec = obj.GetOrAddObject("spec");
        var names = spec.GetOrAddObject("names");
        if (names.GetString("kind") is { Length: > 0 } kind)
        {
            names["singular"] ??= kind.ToLowerInvariant();
            names["listKind"] ??= kind + "List";
        }

        spec["conversion"] ??= new JsonObject { ["strategy"] = "None" };
        foreach (var version in spec.GetArray("versions")?.OfType<JsonObject>() ?? [])
        {
            foreach (var column in version.GetArray("additionalPrinterColumns")?.OfType<JsonObject>() ?? [])
            {
                // priority is an int32 with omitempty: the real server never writes 0, and kubectl apply would see a
                // difference (and report "configured") if it did.
                if (column["priority"] is JsonValue priority && priority.TryGetValue(out long value) && value == 0)
                {
                    column.Remove("priority");
                }
            }
        }

        SetStatus(obj, context);
    }

    public override IEnumerable<FieldError> Validate(JsonObject obj, WriteContext context)
    {
        var spec = obj.GetObject("spec") ?? [];
        var group = spec.GetString("group") ?? "";
        var names = spec.GetObject("names") ?? [];
        var plural = names.GetString("plural") ?? "";
        var kind = names.GetString("kind") ?? "";
        var name = obj.Name() ?? "";
        if (group.Length == 0)
        {
            yield return FieldError.Required("spec.group", "");
        }
        else if (!group.Contains('.', StringComparison.Ordinal))
        {
            yield return FieldError.Invalid("spec.group", JsonValue.Create(group), "should be a domain with at least one dot");
        }

        if (plural.Length == 0)
        {
            yield return FieldError.Required("spec.names.plural", "");
        }
        else
        {
            foreach (var problem in NameRules.Dns1123Label(plural))
            {
                yield return FieldError.Invalid("spec.names.plural", JsonValue.Create(plural), problem);
            }
        }

        if (kind.Length == 0)
        {
            yield return FieldError.Required("spec.names.kind", "");
        }

        if (plural.Length > 0 && group.Length > 0 && name != plural + "." + group)
        {
            yield return FieldError.Invalid("metadata.name", JsonValue.Create(name), "must be spec.names.plural+\".\"+spec.group");
        }

        var scope = spec.GetString("scope") ?? "";
        if (scope is not ("Namespaced" or "Cluster"))
        {
            yield return FieldError.NotSupported("spec.scope", JsonValue.Create(scope), ["Cluster", "Namespaced"]);
        }

        var versions = spec.GetArray("versions")?.OfType<JsonObject>().ToList() ?? [];
        if (versions.Count == 0)
        {
            yield return FieldError.Invalid("spec.versions", new JsonArray(), "must have exactly one version marked as storage version");
            yield break;
        }

        if (versions.Count(v => v.GetBool("storage") == true) != 1)
        {
            yield return FieldError.Invalid("spec.versions", spec["versions"]!.DeepClone(), "must have exactly one version marked as storage version");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < versions.Count; i++)
        {
            var version = versions[i];
            var path = $"spec.versions[{i}]";
            var versionName = version.GetString("name") ?? "";
            if (!seen.Add(versionName))
            {
                yield return FieldError.Duplicate(path + ".name", JsonValue.Create(versionName));
            }

            foreach (var problem in NameRules.Dns1123Label(versionName))
            {
                yield return FieldError.Invalid(path + ".name", JsonValue.Create(versionName), problem);
            }

            if (version["schema"]?["openAPIV3Schema"] is not JsonObject schema)
            {
                yield return FieldError.Required(path + ".schema.openAPIV3Schema", "schemas are required");
            }
            else
            {
                foreach (var error in CrdSchemaChecker.Check(schema, path + ".schema.openAPIV3Schema"))
                {
                    yield return error;
                }
            }

            if (version["subresources"]?["scale"] is JsonObject scale)
            {
                var specPath = scale.GetString("specReplicasPath") ?? "";
                if (!specPath.StartsWith(".spec.", StringComparison.Ordinal))
                {
                    yield return FieldError.Invalid(path + ".subresources.scale.specReplicasPath", JsonValue.Create(specPath), "should be a json path under .spec");
                }

                var statusPath = scale.GetString("statusReplicasPath") ?? "";
                if (!statusPath.StartsWith(".status.", StringComparison.Ordinal))
                {
                    yield return FieldError.Invalid(path + ".subresources.scale.statusReplicasPath", JsonValue.Create(statusPath), "should be a json path under .status");
                }
            }

            var columns = version.GetArray("additionalPrinterColumns")?.OfType<JsonObject>().ToList() ?? [];
            for (var c = 0; c < columns.Count; c++)
            {
                var type = columns[c].GetString("type") ?? "";
                if (type is not ("integer" or "number" or "string" or "boolean" or "date"))
                {
                    yield return FieldError.NotSupported($"{path}.additionalPrinterColumns[{c}].type", JsonValue.Create(type), ["boolean", "date", "integer", "number", "string"]);
                }

                var jsonPath = columns[c].GetString("jsonPath") ?? "";
                string? problem = null;
                try
                {
                    Kubernetes.JsonPath.JsonPathExpression.Parse(jsonPath);
                }
                catch (Kubernetes.JsonPath.JsonPathParseException e)
                {
                    problem = e.Message;
                }

                if (problem is not null)
                {
                    yield return FieldError.Invalid($"{path}.additionalPrinterColumns[{c}].jsonPath", JsonValue.Create(jsonPath), problem);
                }
            }
        }
    }

    /// <summary>Names accepted and established at once; storedVersions accumulates every storage version ever used.</summary>
    private static void SetStatus(JsonObject obj, WriteContext context)
    {
        var spec = obj.GetOrAddObject("spec");
        var names = (JsonObject)(spec.GetObject("names")?.DeepClone() ?? new JsonObject());
        var existing = obj.GetObject("status");
        var storedVersions = existing?.GetArray("storedVersions")?.Select(v => v?.GetValue<string>()).OfType<string>().ToList() ?? [];
        var storage = spec.GetArray("versions")?.OfType<JsonObject>().FirstOrDefault(v => v.GetBool("storage") == true)?.GetString("name");
        if (storage is not null && !storedVersions.Contains(storage))
        {
            storedVersions.Add(storage);
        }

        string Since(string type) =>
            existing?.GetArray("conditions")?.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == type)?.GetString("lastTransitionTime") ?? context.NowText;

        obj["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "NamesAccepted", ["status"] = "True", ["lastTransitionTime"] = Since("NamesAccepted"), ["reason"] = "NoConflicts", ["message"] = "no conflicts found" },
                new JsonObject { ["type"] = "Established", ["status"] = "True", ["lastTransitionTime"] = Since("Established"), ["reason"] = "InitialNamesAccepted", ["message"] = "the initial names have been accepted" }),
            ["acceptedNames"] = names,
            ["storedVersions"] = new JsonArray(storedVersions.Select(v => (JsonNode?)v).ToArray()),
        };
    }
}
