using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Patching;
using CanaryFlow.LocalCluster.Storage;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Registry;

public sealed partial class GenericRegistry
{
    /// <summary>PATCH of the object or of its status subresource; apply patches create missing objects.</summary>
    public WriteResult Patch(ResourceDescriptor d, string ns, string name, PatchKind kind, string patchText, WriteOptions options, bool statusSubresource)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(patchText);
        ArgumentNullException.ThrowIfNull(options);
        ValidatePatchOptions(kind, options);
        if (kind == PatchKind.Strategic && !d.Strategy.SupportsStrategicMergePatch)
        {
            throw ApiErrors.UnsupportedMediaType(PatchMediaTypes.Strategic, PatchMediaTypes.Accepted(strategicMerge: false));
        }

        var patch = ParsePatch(kind, patchText);
        var warnings = new List<string>();
        return _store.Write(tx =>
        {
            var key = new ObjectKey(d.Namespaced ? ns : "", name);
            var old = tx.Get(d.StorageResource, key);
            if (old is null)
            {
                if (kind == PatchKind.Apply && !statusSubresource && patch is JsonObject applied)
                {
                    var created = PruneUnknownFields(d, ToStorageForm(d, ServerSideApply.ForCreate(applied, name)), options, warnings);
                    var result = CreateCore(tx, d, ns, created, options, warnings);
                    if (result.Stored is { Uid: { } uid })
                    {
                        _ownership.Record(d.StorageResource, key, uid, options.FieldManager!, ServerSideApply.Ownership(applied, options.FieldManager!), exclusive: true);
                    }

                    return result;
                }

                throw ApiErrors.NotFound(d, name);
            }

            var current = ToExternal(d, old.Object);
            JsonNode? patched;
            try
            {
                patched = kind switch
                {
                    PatchKind.Json => JsonPatch.Apply(current, patch),
                    PatchKind.Merge => JsonMergePatch.Apply(current, patch),
                    PatchKind.Strategic => StrategicMergePatch.Apply(current, AsObject(patch), d.Schema ?? _emptySchema),
                    _ => ApplyServerSide(d, key, current, AsObject(patch), options, statusSubresource),
                };
            }
            catch (PatchTooLargeException)
            {
                throw ApiErrors.RequestEntityTooLarge(10000);
            }
            catch (PatchFormatException e)
            {
                throw ApiErrors.BadRequest(e.Message);
            }
            catch (PatchApplicationException)
            {
                throw ApiErrors.PatchRejected();
            }

            if (patched is not JsonObject patchedObject)
            {
                throw ApiErrors.BadRequest("the patch did not produce an object");
            }

            var obj = PruneUnknownFields(d, ToStorageForm(d, patchedObject), options, warnings, patched: patchedObject);
            return UpdateCore(tx, d, old, obj, options, statusSubresource, warnings);
        });
    }

    private static readonly Schema.StructuralSchema _emptySchema = Schema.StructuralSchema.Parse([]);

    private static void ValidatePatchOptions(PatchKind kind, WriteOptions options)
    {
        if (kind == PatchKind.Apply && string.IsNullOrEmpty(options.FieldManager))
        {
            throw ApiErrors.Invalid("PatchOptions.meta.k8s.io", "meta.k8s.io", "PatchOptions", "", [FieldError.Required("fieldManager", "is required for apply patch")]);
        }

        if (kind != PatchKind.Apply && options.Force)
        {
            throw ApiErrors.Invalid("PatchOptions.meta.k8s.io", "meta.k8s.io", "PatchOptions", "", [FieldError.Forbidden("force", "may not be specified for non-apply patch")]);
        }
    }

    private static JsonNode? ParsePatch(PatchKind kind, string text)
    {
        try
        {
            if (kind == PatchKind.Apply)
            {
                var node = YamlJsonConverter.Parse(text);
                if (node is not JsonObject obj)
                {
                    throw ApiErrors.BadRequest("error decoding YAML: the apply patch must be an object");
                }

                if (obj.MetadataOrNull()?["managedFields"] is not null)
                {
                    throw ApiErrors.BadRequest("metadata.managedFields must be nil");
                }

                return obj;
            }

            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest("error decoding patch: " + e.Message);
        }
        catch (YamlJsonException e)
        {
            throw ApiErrors.BadRequest("error decoding YAML: " + e.Message);
        }
    }

    private static JsonObject AsObject(JsonNode? patch) =>
        patch as JsonObject ?? throw new PatchFormatException("the patch must be a JSON object");
}
