using System.Globalization;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Storage;

namespace CanaryFlow.LocalCluster.Registry;

public sealed partial class GenericRegistry
{
    /// <summary>
    /// PUT namespaces/{name}/finalize: the only way to change a namespace's spec.finalizers. Emptying them on a
    /// terminating namespace deletes it.
    /// </summary>
    public WriteResult FinalizeNamespace(ResourceDescriptor d, string name, JsonObject body, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(body);
        var finalizers = body["spec"]?["finalizers"]?.DeepClone();
        var requested = body.MetadataOrNull()?.GetString("resourceVersion");
        return _store.Write(tx =>
        {
            var old = tx.Get(d.StorageResource, new ObjectKey("", name)) ?? throw ApiErrors.NotFound(d, name);
            var obj = old.CloneObject();
            var spec = obj.GetOrAddObject("spec");
            if (finalizers is JsonArray { Count: > 0 })
            {
                spec["finalizers"] = finalizers;
            }
            else
            {
                spec.Remove("finalizers");
            }

            obj.Metadata()["resourceVersion"] = string.IsNullOrEmpty(requested) ? old.ResourceVersion.ToString(CultureInfo.InvariantCulture) : requested;
            return UpdateCore(tx, d, old, obj, options, statusSubresource: false, [], prepared: true);
        });
    }
}
