using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Storage;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Registry;

public sealed partial class GenericRegistry
{
    private static readonly string[] _serverManagedMetadata =
        ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "managedFields"];

    public WriteResult Create(ResourceDescriptor d, string ns, JsonObject body, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(options);
        var warnings = new List<string>();
        var obj = PruneUnknownFields(d, ToStorageForm(d, body), options, warnings);
        return _store.Write(tx => CreateCore(tx, d, ns, obj, options, warnings));
    }

    private WriteResult CreateCore(StoreTransaction tx, ResourceDescriptor d, string ns, JsonObject obj, WriteOptions options, List<string> warnings)
    {
        var context = Context(tx, d);
        var meta = obj.Metadata();
        if (d.Namespaced)
        {
            var bodyNamespace = meta.GetString("namespace");
            if (!string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != ns)
            {
                throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            meta["namespace"] = ns;
        }
        else
        {
            meta.Remove("namespace");
        }

        var requestedResourceVersion = meta.GetString("resourceVersion");
        meta.Remove("resourceVersion");
        if (string.IsNullOrEmpty(meta.GetString("name")) && meta.GetString("generateName") is { Length: > 0 } prefix)
        {
            meta["name"] = NameSuffix.Generate(prefix);
        }

        foreach (var field in _serverManagedMetadata)
        {
            meta.Remove(field);
        }

        if (d.Strategy.TracksGeneration)
        {
            meta["generation"] = 1;
        }
        else
        {
            meta.Remove("generation");
        }

        d.Strategy.PrepareForCreate(obj, context);
        obj = ApplyDefaults(d, obj, context);
        meta = obj.Metadata();

        var errors = ObjectMetaValidator.ValidateCreate(obj, d.Namespaced, d.Strategy.ValidateName, warnings);
        errors.AddRange(SchemaErrors(d, obj, old: null));
        errors.AddRange(d.Strategy.Validate(obj, context));
        ThrowIfInvalid(d, obj, errors);

        if (!string.IsNullOrEmpty(requestedResourceVersion))
        {
            throw ApiErrors.PlainInternal("resourceVersion should not be set on objects to be created");
        }

        var name = meta.GetString("name")!;
        if (d.Namespaced)
        {
            CheckNamespaceAcceptsCreate(tx, d, ns, name);
        }

        var existing = tx.Get(d.StorageResource, new ObjectKey(d.Namespaced ? ns : "", name));
        if (existing is not null)
        {
            throw ApiErrors.AlreadyExists(d, name, existing.IsTerminating);
        }

        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = context.NowText;
        warnings.AddRange(context.Warnings);
        var canonical = Canonicalize(d, obj, "0");
        if (options.DryRun)
        {
            canonical.Metadata().Remove("resourceVersion");
            return new WriteResult(canonical, null, Created: true, warnings);
        }

        var stored = tx.Put(d.StorageResource, canonical);
        return new WriteResult(stored.Object, stored, Created: true, warnings);
    }
}
