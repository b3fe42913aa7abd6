using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Schema;
using CanaryFlow.LocalCluster.Storage;
using CanaryFlow.LocalCluster.Strategies;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Registry;

/// <summary>
/// The generic registry store of the apiserver: create, read, update, patch and delete with the real server's
/// rules (optimistic concurrency, generation, status subresource, finalizers, dry run, field validation), for
/// every kind, built-in or custom. It speaks JSON objects and Status errors; the HTTP layer only translates.
/// </summary>
public sealed partial class GenericRegistry
{
    private readonly ObjectStore _store;
    private readonly ResourceRegistry _resources;
    private readonly TimeProvider _clock;

    public GenericRegistry(ObjectStore store, ResourceRegistry resources, TimeProvider clock, TimeSpan continueTokenLifetime)
    {
        _store = store;
        _resources = resources;
        _clock = clock;
        _snapshots = new ListSnapshotCache(clock, continueTokenLifetime);
    }

    public ObjectStore Store => _store;
    public ResourceRegistry Resources => _resources;
    public TimeProvider Clock => _clock;

    private WriteContext Context(StoreTransaction tx, ResourceDescriptor d) =>
        new() { Clock = _clock, Transaction = tx, Descriptor = d, Registry = _resources };

    /// <summary>The endpoint's form of a stored object, with apiVersion and kind in the real server's order.</summary>
    public static JsonObject ToExternal(ResourceDescriptor d, JsonObject stored)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(stored);
        var body = d.Converter?.ToExternal(stored) ?? stored;
        var result = new JsonObject();
        if (d.IsCustomResource)
        {
            result["apiVersion"] = d.ApiVersion;
            result["kind"] = d.Kind;
        }
        else
        {
            result["kind"] = d.Kind;
            result["apiVersion"] = d.ApiVersion;
        }

        foreach (var (name, value) in body)
        {
            if (name is not ("apiVersion" or "kind"))
            {
                result[name] = value?.DeepClone();
            }
        }

        return result;
    }

    /// <summary>Strips type metadata and converts to the stored representation.</summary>
    private static JsonObject ToStorageForm(ResourceDescriptor d, JsonObject external)
    {
        var copy = (JsonObject)external.DeepClone();
        copy.Remove("apiVersion");
        copy.Remove("kind");
        return d.Converter?.ToStorage(copy) ?? copy;
    }

    /// <summary>
    /// Removes fields the schema does not know and reports them as fieldValidation asks. Strict fails a request body
    /// in decoding (400 naming the kind); for a patch it fails the <paramref name="patched"/> result as an invalid "patch" (422).
    /// </summary>
    private static JsonObject PruneUnknownFields(ResourceDescriptor d, JsonObject obj, WriteOptions options, List<string> warnings, JsonObject? patched = null)
    {
        d.Strategy.CheckDecodable(obj, d);
        var problems = new List<string>();
        problems.AddRange(options.DuplicateFields.Select(f => $"duplicate field \"{f}\""));
        if (d.Schema is not null)
        {
            var pruned = SchemaPruner.Prune(obj, d.Schema, isResourceRoot: true);
            obj = (JsonObject)pruned.Value!;
            problems.AddRange(pruned.UnknownFields.Select(f => $"unknown field \"{f}\""));
        }

        if (problems.Count > 0)
        {
            switch (options.FieldValidation)
            {
                case FieldValidationMode.Strict:
                    var error = "strict decoding error: " + string.Join(", ", problems);
                    throw patched is null
                        ? ApiErrors.BadRequest($"{d.Kind} in version \"{d.Version}\" cannot be handled as a {d.Kind}: {error}")
                        : ApiErrors.Invalid("", "", "", "", [FieldError.Invalid("patch", JsonValue.Create(patched.ToJsonString(JsonOutput.Serializer)), error)]);
                case FieldValidationMode.Warn:
                    warnings.AddRange(problems);
                    break;
            }
        }

        return obj;
    }

    private static JsonObject ApplyDefaults(ResourceDescriptor d, JsonObject obj, WriteContext context)
    {
        if (d.Schema is not null)
        {
            obj = (JsonObject)SchemaDefaulter.Default(obj, d.Schema)!;
        }

        d.Strategy.ApplyDefaults(obj, context);
        return obj;
    }

    private static void ThrowIfInvalid(ResourceDescriptor d, JsonObject obj, List<FieldError> errors)
    {
        if (errors.Count == 0)
        {
            return;
        }

        var name = obj.Name() ?? "";
        if (!d.IsCustomResource && errors.FirstOrDefault(e => e.Type == FieldErrorType.TypeInvalid) is { } typeError)
        {
            // Built-in kinds are decoded into Go structs: a wrong type fails decoding (400), before validation.
            throw ApiErrors.BadRequest($"{d.Kind} in version \"{d.Version}\" cannot be handled as a {d.Kind}: {typeError}");
        }

        throw ApiErrors.Invalid(d, name, errors);
    }

    private static List<FieldError> SchemaErrors(ResourceDescriptor d, JsonObject obj, JsonObject? old)
    {
        if (d.Schema is null)
        {
            return [];
        }

        var value = Validatable(d, obj);
        return old is null
            ? [.. SchemaValidator.Validate(value, d.Schema)]
            : [.. SchemaValidator.ValidateRatcheting(value, Validatable(d, old), d.Schema)];
    }

    /// <summary>
    /// The object as the schema sees it: for built-in kinds without nulls (Go decodes null into a zero value, so null
    /// is valid wherever a field is).
    /// </summary>
    private static JsonObject Validatable(ResourceDescriptor d, JsonObject obj)
    {
        if (d.IsCustomResource)
        {
            return obj;
        }

        var copy = (JsonObject)obj.DeepClone();
        RemoveNulls(copy);
        return copy;
    }

    private static void RemoveNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is null)
                    {
                        obj.Remove(name);
                    }
                    else
                    {
                        RemoveNulls(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RemoveNulls(item);
                }

                break;
        }
    }

    /// <summary>Canonical member order with a placeholder resourceVersion, so the store can fill it in place.</summary>
    private static JsonObject Canonicalize(ResourceDescriptor d, JsonObject obj, string resourceVersion)
    {
        obj.Remove("apiVersion");
        obj.Remove("kind");
        obj.Metadata()["resourceVersion"] = resourceVersion;
        return ObjectCanonicalizer.Canonicalize(obj, d.Schema, builtIn: !d.IsCustomResource);
    }

    private static void CheckNamespaceAcceptsCreate(StoreTransaction tx, ResourceDescriptor d, string ns, string name)
    {
        var namespaceObject = tx.Get(BuiltInStorage.Namespaces, new ObjectKey("", ns));
        if (namespaceObject is null)
        {
            throw ApiErrors.NotFound("namespaces", "", "namespaces", ns);
        }

        if (namespaceObject.IsTerminating)
        {
            throw ApiErrors.Forbidden(
                d,
                name,
                $"unable to create new content in namespace {ns} because it is being terminated",
                [new StatusCause("NamespaceTerminating", $"namespace {ns} is being terminated", "metadata.namespace")]);
        }
    }
}
