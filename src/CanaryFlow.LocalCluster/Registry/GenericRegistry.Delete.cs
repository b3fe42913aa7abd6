using System.Globalization;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Storage;

namespace CanaryFlow.LocalCluster.Registry;

public sealed partial class GenericRegistry
{
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";

    public DeleteResult Delete(ResourceDescriptor d, string ns, string name, DeleteOptions options)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(options);
        ValidateDeleteOptions(options);
        return _store.Write(tx => DeleteCore(tx, d, new ObjectKey(d.Namespaced ? ns : "", name), options));
    }

    /// <summary>Deletes every object of the collection that matches; returns the list of what was deleted.</summary>
    public JsonObject DeleteCollection(ResourceDescriptor d, string? ns, Func<StoredObject, bool> matches, DeleteOptions options)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(matches);
        ValidateDeleteOptions(options);
        return _store.Write(tx =>
        {
            var items = new JsonArray();
            foreach (var obj in tx.Table(d.StorageResource).Enumerate(d.Namespaced ? ns : null).Where(matches).ToList())
            {
                var result = DeleteCore(tx, d, new ObjectKey(obj.Namespace, obj.Name), options with { PreconditionUid = null, PreconditionResourceVersion = null });
                var deleted = ToExternal(d, result.Object ?? obj.Object);
                if (!d.IsCustomResource)
                {
                    // Items of a typed list carry no type metadata.
                    deleted.Remove("kind");
                    deleted.Remove("apiVersion");
                }

                items.Add(deleted);
            }

            var metadata = new JsonObject { ["resourceVersion"] = tx.Revision.ToString(CultureInfo.InvariantCulture) };

            // A custom resource list is an unstructured map, written with sorted keys.
            return d.IsCustomResource
                ? new JsonObject { ["apiVersion"] = d.ApiVersion, ["items"] = items, ["kind"] = d.ListKind, ["metadata"] = metadata }
                : new JsonObject { ["kind"] = d.ListKind, ["apiVersion"] = d.ApiVersion, ["metadata"] = metadata, ["items"] = items };
        });
    }

    private static void ValidateDeleteOptions(DeleteOptions options)
    {
        if (options.PropagationPolicy is not (null or "Orphan" or "Background" or "Foreground"))
        {
            throw ApiErrors.Invalid("DeleteOptions.meta.k8s.io", "meta.k8s.io", "DeleteOptions", "",
                [Validation.FieldError.NotSupported("propagationPolicy", JsonValue.Create(options.PropagationPolicy), ["Foreground", "Background", "Orphan", "nil"])]);
        }

        if (options.OrphanDependents is not null && options.PropagationPolicy is not null)
        {
            throw ApiErrors.Invalid("DeleteOptions.meta.k8s.io", "meta.k8s.io", "DeleteOptions", "",
                [Validation.FieldError.Invalid("propagationPolicy", JsonValue.Create(options.PropagationPolicy), "orphanDependents and deletionPropagation cannot be both set")]);
        }

        if (options.GracePeriodSeconds is < 0)
        {
            throw ApiErrors.Invalid("DeleteOptions.meta.k8s.io", "meta.k8s.io", "DeleteOptions", "",
                [Validation.FieldError.Invalid("gracePeriodSeconds", JsonValue.Create(options.GracePeriodSeconds), "must be greater than or equal to 0")]);
        }
    }

    private DeleteResult DeleteCore(StoreTransaction tx, ResourceDescriptor d, ObjectKey key, DeleteOptions options)
    {
        var context = Context(tx, d);
        var old = tx.Get(d.StorageResource, key) ?? throw ApiErrors.NotFound(d, key.Name);
        if (options.PreconditionUid is { } uid && uid != old.Uid)
        {
            throw ApiErrors.PreconditionConflict(d, key.Name,
                $"the UID in the precondition ({uid}) does not match the UID in record ({old.Uid}). The object might have been deleted and then recreated");
        }

        if (options.PreconditionResourceVersion is { } rv && rv != old.ResourceVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw ApiErrors.PreconditionConflict(d, key.Name,
                $"the ResourceVersion in the precondition ({rv}) does not match the ResourceVersion in record ({old.ResourceVersion}). The object might have been modified");
        }

        var obj = old.CloneObject();
        var finalizers = obj.Finalizers().ToList();
        var policy = options.PropagationPolicy ?? (options.OrphanDependents == true ? "Orphan" : options.OrphanDependents == false ? "Background" : null);
        var explicitPolicy = policy is not null;
        switch (policy)
        {
            case "Foreground":
                finalizers.Remove(OrphanFinalizer);
                if (!finalizers.Contains(ForegroundFinalizer))
                {
                    finalizers.Add(ForegroundFinalizer);
                }

                break;
            case "Orphan":
                finalizers.Remove(ForegroundFinalizer);
                if (!finalizers.Contains(OrphanFinalizer))
                {
                    finalizers.Add(OrphanFinalizer);
                }

                break;
            case "Background":
                finalizers.Remove(OrphanFinalizer);
                finalizers.Remove(ForegroundFinalizer);
                break;
        }

        var meta = obj.Metadata();
        if (old.IsTerminating)
        {
            // Already terminating: only an explicit policy may swap the GC finalizers; a graceful period may shrink.
            var changed = false;
            if (explicitPolicy && !finalizers.SequenceEqual(obj.Finalizers()))
            {
                obj.SetFinalizers(finalizers);
                changed = true;
            }

            if (d.Strategy.GracePeriodSeconds(obj, options.GracePeriodSeconds) is { } shorter &&
                meta.GetLong("deletionGracePeriodSeconds") is { } current && shorter < current)
            {
                meta["deletionGracePeriodSeconds"] = shorter;
                meta["deletionTimestamp"] = KubernetesTime.Format(context.Now.AddSeconds(shorter));
                changed = true;
            }

            if (!changed || options.DryRun)
            {
                return new DeleteResult(old.Object, null, []);
            }

            var canonical = Canonicalize(d, obj, "0");
            if (!d.Strategy.HasPendingFinalizers(canonical) && canonical.MetadataOrNull()?.GetLong("deletionGracePeriodSeconds") is null or 0)
            {
                var gone = tx.Delete(d.StorageResource, key)!;
                _ownership.Forget(d.StorageResource, key);
                return new DeleteResult(gone.Object, null, []);
            }

            return new DeleteResult(tx.Put(d.StorageResource, canonical).Object, null, []);
        }

        obj.SetFinalizers(finalizers);
        var grace = d.Strategy.GracePeriodSeconds(obj, options.GracePeriodSeconds);
        if (d.Strategy.HasPendingFinalizers(obj) || grace is > 0)
        {
            meta["deletionTimestamp"] = KubernetesTime.Format(context.Now.AddSeconds(grace ?? 0));
            meta["deletionGracePeriodSeconds"] = grace ?? 0;
            if (meta.GetLong("generation") is > 0 and var generation)
            {
                meta["generation"] = generation + 1;
            }

            d.Strategy.PrepareForDeletion(obj, context);
            var canonical = Canonicalize(d, obj, old.ResourceVersion.ToString(CultureInfo.InvariantCulture));
            if (options.DryRun)
            {
                return new DeleteResult(canonical, null, []);
            }

            return new DeleteResult(tx.Put(d.StorageResource, canonical).Object, null, []);
        }

        if (options.DryRun)
        {
            return d.Strategy.ReturnDeletedObject
                ? new DeleteResult(old.Object, null, [])
                : new DeleteResult(null, SuccessStatus(d, old), []);
        }

        var deleted = tx.Delete(d.StorageResource, key)!;
        _ownership.Forget(d.StorageResource, key);
        return d.Strategy.ReturnDeletedObject
            ? new DeleteResult(deleted.Object, null, [])
            : new DeleteResult(null, SuccessStatus(d, old), []);
    }

    private static JsonObject SuccessStatus(ResourceDescriptor d, StoredObject old) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new StatusDetails(old.Name, d.Group, d.Resource, old.Uid).ToJson(),
    };
}
