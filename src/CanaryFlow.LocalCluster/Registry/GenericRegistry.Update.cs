using System.Globalization;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Storage;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Registry;

public sealed partial class GenericRegistry
{
    private static readonly string[] _preservedOnUpdate =
        ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"];

    /// <summary>PUT of the object or of its status subresource.</summary>
    public WriteResult Update(ResourceDescriptor d, string ns, string name, JsonObject body, WriteOptions options, bool statusSubresource)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(options);
        var warnings = new List<string>();
        var obj = PruneUnknownFields(d, ToStorageForm(d, body), options, warnings);
        var meta = obj.Metadata();
        var bodyName = meta.GetString("name");
        if (!string.IsNullOrEmpty(bodyName) && bodyName != name)
        {
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        if (d.Namespaced && meta.GetString("namespace") is { Length: > 0 } bodyNamespace && bodyNamespace != ns)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        return _store.Write(tx =>
        {
            var old = tx.Get(d.StorageResource, new ObjectKey(d.Namespaced ? ns : "", name));
            if (old is null)
            {
                if (!statusSubresource && d.Strategy.AllowCreateOnUpdate)
                {
                    obj.Metadata()["name"] = name;
                    obj.Metadata().Remove("resourceVersion");
                    return CreateCore(tx, d, ns, obj, options, warnings);
                }

                throw ApiErrors.NotFound(d, name);
            }

            return UpdateCore(tx, d, old, obj, options, statusSubresource, warnings);
        });
    }

    private WriteResult UpdateCore(StoreTransaction tx, ResourceDescriptor d, StoredObject old, JsonObject obj, WriteOptions options, bool statusSubresource, List<string> warnings, bool prepared = false)
    {
        var context = Context(tx, d);
        var name = old.Name;
        var oldRevision = old.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        var requested = obj.Metadata().GetString("resourceVersion");
        if (string.IsNullOrEmpty(requested))
        {
            if (!d.Strategy.AllowUnconditionalUpdate)
            {
                throw ApiErrors.InvalidResource(d, name, [FieldError.Invalid("metadata.resourceVersion", JsonValue.Create("0x0"), "must be specified for an update").WithRawValue("0x0")]);
            }
        }
        else if (requested != oldRevision)
        {
            throw ApiErrors.Conflict(d, name);
        }

        var oldObj = old.CloneObject();
        JsonObject newObj;
        if (prepared)
        {
            // The caller built the complete new object (namespace finalize).
            newObj = obj;
        }
        else if (statusSubresource)
        {
            newObj = d.Strategy.PrepareForStatusUpdate(obj, oldObj, context);
        }
        else
        {
            newObj = obj;
            d.Strategy.PrepareForUpdate(newObj, oldObj, context);
        }

        var newMeta = newObj.Metadata();
        var oldMeta = oldObj.Metadata();
        foreach (var field in _preservedOnUpdate)
        {
            if (oldMeta[field] is { } value)
            {
                newMeta[field] = value.DeepClone();
            }
            else
            {
                newMeta.Remove(field);
            }
        }

        newMeta.Remove("managedFields");
        newMeta.Remove("selfLink");
        if (string.IsNullOrEmpty(newMeta.GetString("name")))
        {
            newMeta["name"] = name;
        }

        if (d.Namespaced && string.IsNullOrEmpty(newMeta.GetString("namespace")))
        {
            newMeta["namespace"] = old.Namespace;
        }

        newObj = ApplyDefaults(d, newObj, context);
        newMeta = newObj.Metadata();
        var errors = ObjectMetaValidator.ValidateUpdate(newObj, oldObj, d.Namespaced, d.Strategy.ValidateName, warnings);
        errors.AddRange(SchemaErrors(d, newObj, oldObj));
        errors.AddRange(d.Strategy.ValidateUpdate(newObj, oldObj, context));
        ThrowIfInvalid(d, newObj, errors);

        if (d.Strategy.TracksGeneration && !statusSubresource && d.Strategy.ShouldBumpGeneration(newObj, oldObj))
        {
            newMeta["generation"] = (oldMeta.GetLong("generation") ?? 0) + 1;
        }

        warnings.AddRange(context.Warnings);
        var canonical = Canonicalize(d, newObj, oldRevision);
        if (StoredObject.SerializeMembers(canonical).AsSpan().SequenceEqual(old.Members.Span))
        {
            // A write that changes nothing is not persisted: same resourceVersion, no watch event.
            return new WriteResult(old.Object, old, Created: false, warnings);
        }

        if (canonical.MetadataOrNull()?["deletionTimestamp"] is not null && !d.Strategy.HasPendingFinalizers(canonical))
        {
            // Removing the last finalizer of a terminating object deletes it; watchers see only DELETED.
            if (!options.DryRun)
            {
                tx.Delete(d.StorageResource, new ObjectKey(old.Namespace, old.Name));
            }

            return new WriteResult(canonical, null, Created: false, warnings);
        }

        if (options.DryRun)
        {
            return new WriteResult(canonical, null, Created: false, warnings);
        }

        var stored = tx.Put(d.StorageResource, canonical);
        RecordUpdateOwnership(d, old, stored.Object, options);
        return new WriteResult(stored.Object, stored, Created: false, warnings);
    }
}
