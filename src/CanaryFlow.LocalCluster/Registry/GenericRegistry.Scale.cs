using System.Globalization;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Labels;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Storage;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Registry;

public sealed partial class GenericRegistry
{
    /// <summary>The autoscaling/v1 Scale view of an object.</summary>
    public JsonObject GetScale(ResourceDescriptor d, string ns, string name)
    {
        ArgumentNullException.ThrowIfNull(d);
        var obj = _store.State.Table(d.StorageResource).Get(new ObjectKey(d.Namespaced ? ns : "", name)) ?? throw ApiErrors.NotFound(d, name);
        return ScaleOf(d, obj);
    }

    /// <summary>
    /// Writes a Scale: only the replica count reaches the object. A resourceVersion in the Scale is a
    /// precondition; without one the write is unconditional.
    /// </summary>
    public JsonObject UpdateScale(ResourceDescriptor d, string ns, string name, Func<JsonObject, JsonObject> newScale, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(newScale);
        var scale = d.Scale ?? throw ApiErrors.NotFound(d, name);
        return _store.Write(tx =>
        {
            var old = tx.Get(d.StorageResource, new ObjectKey(d.Namespaced ? ns : "", name)) ?? throw ApiErrors.NotFound(d, name);
            var requested = newScale(ScaleOf(d, old));
            var requestedVersion = requested.MetadataOrNull()?.GetString("resourceVersion");
            var oldVersion = old.ResourceVersion.ToString(CultureInfo.InvariantCulture);
            if (!string.IsNullOrEmpty(requestedVersion) && requestedVersion != oldVersion)
            {
                throw ApiErrors.Conflict(d, name);
            }

            var replicasNode = requested["spec"]?["replicas"];
            long replicas = 0;
            if (replicasNode is JsonValue v && !v.TryGetValue(out replicas))
            {
                throw ApiErrors.BadRequest("Scale in version \"v1\" cannot be handled as a Scale: spec.replicas must be an integer");
            }

            if (replicas < 0)
            {
                throw ApiErrors.Invalid("Scale.autoscaling", "autoscaling", "Scale", name,
                    [FieldError.Invalid("spec.replicas", JsonValue.Create(replicas), "must be greater than or equal to 0")]);
            }

            var obj = old.CloneObject();
            SetPath(obj, scale.SpecReplicasPath, JsonValue.Create(replicas));
            obj.Metadata()["resourceVersion"] = oldVersion;
            var result = UpdateCore(tx, d, old, obj, options, statusSubresource: false, []);
            var updated = result.Stored ?? old;
            return ScaleOf(d, updated);
        });
    }

    private static JsonObject ScaleOf(ResourceDescriptor d, StoredObject stored)
    {
        var scale = d.Scale!;
        var obj = stored.Object;
        var specReplicas = GetPath(obj, scale.SpecReplicasPath)
            ?? throw ApiErrors.PlainInternal($"the spec replicas field \"{scale.SpecReplicasPath}\" does not exist");
        var statusReplicas = GetPath(obj, scale.StatusReplicasPath)?.DeepClone() ?? JsonValue.Create(0);
        string selector;
        if (scale.SelectorFromSpec)
        {
            try
            {
                selector = LabelSelector.FromLabelSelectorObject(obj["spec"]?["selector"] as JsonObject).ToString();
            }
            catch (LabelSelectorParseException)
            {
                selector = "";
            }
        }
        else
        {
            selector = scale.LabelSelectorPath is null ? "" : GetPath(obj, scale.LabelSelectorPath)?.GetValue<string>() ?? "";
        }

        var meta = obj.Metadata();
        var scaleMeta = new JsonObject
        {
            ["name"] = meta.GetString("name"),
        };
        if (d.Namespaced)
        {
            scaleMeta["namespace"] = meta.GetString("namespace");
        }

        scaleMeta["uid"] = meta.GetString("uid");
        scaleMeta["resourceVersion"] = meta.GetString("resourceVersion");
        scaleMeta["creationTimestamp"] = meta.GetString("creationTimestamp");
        var status = new JsonObject { ["replicas"] = statusReplicas };
        if (selector.Length > 0)
        {
            status["selector"] = selector;
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMeta,
            ["spec"] = new JsonObject { ["replicas"] = specReplicas.DeepClone() },
            ["status"] = status,
        };
    }

    private static JsonNode? GetPath(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.TrimStart('.').Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node;
    }

    private static void SetPath(JsonObject obj, string path, JsonNode value)
    {
        var parts = path.TrimStart('.').Split('.');
        var node = obj;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = node.GetOrAddObject(parts[i]);
        }

        node[parts[^1]] = value;
    }
}
