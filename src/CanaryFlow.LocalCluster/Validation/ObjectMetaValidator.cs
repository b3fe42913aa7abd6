using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;

namespace CanaryFlow.LocalCluster.Validation;

/// <summary>Validation of metadata common to every kind (apimachinery <c>ValidateObjectMeta</c> and its update variant).</summary>
public static class ObjectMetaValidator
{
    private const int _totalAnnotationSizeLimit = 256 * 1024;
    private static readonly string[] _standardFinalizers = ["kubernetes", "orphan", "foregroundDeletion"];

    public static List<FieldError> ValidateCreate(JsonObject obj, bool namespaced, Func<string, IReadOnlyList<string>> nameRule, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(nameRule);
        var errors = new List<FieldError>();
        var meta = obj.MetadataOrNull() ?? [];
        var name = meta.GetString("name") ?? "";
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        }
        else
        {
            errors.AddRange(nameRule(name).Select(p => FieldError.Invalid("metadata.name", JsonValue.Create(name), p)));
        }

        var ns = meta.GetString("namespace") ?? "";
        if (namespaced)
        {
            if (ns.Length == 0)
            {
                errors.Add(FieldError.Required("metadata.namespace", ""));
            }
        }
        else if (ns.Length > 0)
        {
            errors.Add(FieldError.Forbidden("metadata.namespace", "not allowed on this type"));
        }

        ValidateLabels(meta.GetObject("labels"), errors);
        ValidateAnnotations(meta.GetObject("annotations"), errors);
        ValidateOwnerReferences(meta.GetArray("ownerReferences"), errors);
        ValidateFinalizers(meta.GetArray("finalizers"), errors, warnings);
        return errors;
    }

    public static List<FieldError> ValidateUpdate(JsonObject newObj, JsonObject oldObj, bool namespaced, Func<string, IReadOnlyList<string>> nameRule, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(newObj);
        ArgumentNullException.ThrowIfNull(oldObj);
        var errors = ValidateCreate(newObj, namespaced, nameRule, warnings);
        var newMeta = newObj.Metadata();
        var oldMeta = oldObj.Metadata();
        Immutable("name", newMeta, oldMeta, errors);
        Immutable("namespace", newMeta, oldMeta, errors);
        if (oldMeta["deletionTimestamp"] is not null)
        {
            var oldFinalizers = oldObj.Finalizers().ToHashSet(StringComparer.Ordinal);
            var added = newObj.Finalizers().Where(f => !oldFinalizers.Contains(f)).ToList();
            if (added.Count > 0)
            {
                errors.Add(FieldError.Forbidden(
                    "metadata.finalizers",
                    $"no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(a => "\"" + a + "\""))}}}"));
            }
        }

        return errors;
    }

    private static void Immutable(string field, JsonObject newMeta, JsonObject oldMeta, List<FieldError> errors)
    {
        var newValue = newMeta.GetString(field) ?? "";
        var oldValue = oldMeta.GetString(field) ?? "";
        if (newValue != oldValue)
        {
            errors.Add(FieldError.Invalid("metadata." + field, JsonValue.Create(newValue), "field is immutable"));
        }
    }

    private static void ValidateLabels(JsonObject? labels, List<FieldError> errors)
    {
        if (labels is null)
        {
            return;
        }

        foreach (var (key, value) in labels)
        {
            foreach (var problem in NameRules.QualifiedName(key))
            {
                errors.Add(FieldError.Invalid("metadata.labels", JsonValue.Create(key), problem));
            }

            var text = value is JsonValue v && v.TryGetValue(out string? s) ? s : "";
            foreach (var problem in NameRules.LabelValue(text))
            {
                errors.Add(FieldError.Invalid("metadata.labels", JsonValue.Create(text), problem));
            }
        }
    }

    private static void ValidateAnnotations(JsonObject? annotations, List<FieldError> errors)
    {
        if (annotations is null)
        {
            return;
        }

        long size = 0;
        foreach (var (key, value) in annotations)
        {
            foreach (var problem in NameRules.QualifiedName(key.ToLowerInvariant()))
            {
                errors.Add(FieldError.Invalid("metadata.annotations", JsonValue.Create(key), problem));
            }

            size += key.Length + (value is JsonValue v && v.TryGetValue(out string? s) ? s.Length : 0);
        }

        if (size > _totalAnnotationSizeLimit)
        {
            errors.Add(FieldError.TooLong("metadata.annotations", null, _totalAnnotationSizeLimit));
        }
    }

    private static void ValidateOwnerReferences(JsonArray? references, List<FieldError> errors)
    {
        if (references is null)
        {
            return;
        }

        var controllers = new List<string>();
        foreach (var node in references)
        {
            if (node is not JsonObject reference)
            {
                continue;
            }

            var apiVersion = reference.GetString("apiVersion") ?? "";
            var kind = reference.GetString("kind") ?? "";
            var name = reference.GetString("name") ?? "";
            var uid = reference.GetString("uid") ?? "";
            if (apiVersion.Length == 0)
            {
                errors.Add(FieldError.Invalid("metadata.ownerReferences.apiVersion", JsonValue.Create(apiVersion), "version must not be empty"));
            }

            if (kind.Length == 0)
            {
                errors.Add(FieldError.Invalid("metadata.ownerReferences.kind", JsonValue.Create(kind), "kind must not be empty"));
            }

            if (name.Length == 0)
            {
                errors.Add(FieldError.Invalid("metadata.ownerReferences.name", JsonValue.Create(name), "name must not be empty"));
            }

            if (uid.Length == 0)
            {
                errors.Add(FieldError.Invalid("metadata.ownerReferences.uid", JsonValue.Create(uid), "uid must not be empty"));
            }

            if (reference.GetBool("controller") == true)
            {
                controllers.Add($"{kind}/{name}");
            }
        }

        if (controllers.Count > 1)
        {
            errors.Add(FieldError.Invalid(
                "metadata.ownerReferences",
                references.DeepClone(),
                $"Only one reference can have Controller set to true. Found \"true\" in references for {string.Join(" and ", controllers)}"));
        }
    }

    private static void ValidateFinalizers(JsonArray? finalizers, List<FieldError> errors, List<string> warnings)
    {
        if (finalizers is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in finalizers)
        {
            var name = node is JsonValue v && v.TryGetValue(out string? s) ? s : "";
            foreach (var problem in NameRules.QualifiedName(name))
            {
                errors.Add(FieldError.Invalid("metadata.finalizers", JsonValue.Create(name), problem));
            }

            if (!name.Contains('/', StringComparison.Ordinal) && !_standardFinalizers.Contains(name))
            {
                warnings.Add($"metadata.finalizers: \"{name}\": prefer a domain-qualified finalizer name including a path (/) to avoid accidental conflicts with other finalizer writers");
            }

            seen.Add(name);
        }

        if (seen.Contains("orphan") && seen.Contains("foregroundDeletion"))
        {
            errors.Add(FieldError.Invalid("metadata.finalizers", JsonValue.Create("foregroundDeletion"), "finalizer foregroundDeletion and orphan cannot be both set"));
        }
    }
}
