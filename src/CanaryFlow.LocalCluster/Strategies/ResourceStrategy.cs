using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Strategies;

/// <summary>
/// Kind-specific behaviour of the generic store (the apiserver's RESTCreateStrategy/RESTUpdateStrategy):
/// what is reset on create, what survives an update, when generation moves, extra defaults and validation.
/// The defaults here are those of a simple built-in kind such as ConfigMap.
/// </summary>
public class ResourceStrategy
{
    public static readonly ResourceStrategy Default = new();

    /// <summary>Whether metadata.generation is maintained (set to 1 on create, bumped by <see cref="ShouldBumpGeneration"/>).</summary>
    public virtual bool TracksGeneration => false;

    /// <summary>Whether a PUT without metadata.resourceVersion is accepted as "last write wins".</summary>
    public virtual bool AllowUnconditionalUpdate => true;

    public virtual bool AllowCreateOnUpdate => false;

    /// <summary>Whether an immediate delete answers with the deleted object instead of a Success Status.</summary>
    public virtual bool ReturnDeletedObject => false;

    public virtual bool SupportsStrategicMergePatch => true;

    /// <summary>Whether status is owned by the /status subresource (reset on create, kept on main-resource updates).</summary>
    public virtual bool HasStatusSubresource => false;

    /// <summary>
    /// Rejects content a Go struct could not even be decoded from (400 BadRequest), before any other check.
    /// </summary>
    public virtual void CheckDecodable(JsonObject obj, Registry.ResourceDescriptor descriptor)
    {
    }

    public virtual void PrepareForCreate(JsonObject obj, WriteContext context)
    {
        if (HasStatusSubresource)
        {
            obj.Remove("status");
        }
    }

    public virtual void PrepareForUpdate(JsonObject newObj, JsonObject oldObj, WriteContext context)
    {
        if (HasStatusSubresource)
        {
            if (oldObj["status"] is { } status)
            {
                newObj["status"] = status.DeepClone();
            }
            else
            {
                newObj.Remove("status");
            }
        }
    }

    /// <summary>Builds the object a /status write stores: by default the old object with only status taken from the request.</summary>
    public virtual JsonObject PrepareForStatusUpdate(JsonObject newObj, JsonObject oldObj, WriteContext context)
    {
        var result = (JsonObject)oldObj.DeepClone();
        if (newObj["status"] is { } status)
        {
            result["status"] = status.DeepClone();
        }
        else
        {
            result.Remove("status");
        }

        return result;
    }

    /// <summary>Generation moves when anything other than metadata (and status, when it is a subresource) changes.</summary>
    public virtual bool ShouldBumpGeneration(JsonObject newObj, JsonObject oldObj)
    {
        foreach (var (name, value) in newObj)
        {
            if (name is "metadata" or "apiVersion" or "kind" || (HasStatusSubresource && name == "status"))
            {
                continue;
            }

            if (!JsonNode.DeepEquals(value, oldObj[name]))
            {
                return true;
            }
        }

        foreach (var (name, _) in oldObj)
        {
            if (name is "metadata" or "apiVersion" or "kind" || (HasStatusSubresource && name == "status"))
            {
                continue;
            }

            if (!newObj.ContainsKey(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Defaults that a static schema default cannot express.</summary>
    public virtual void ApplyDefaults(JsonObject obj, WriteContext context)
    {
    }

    public virtual IEnumerable<FieldError> Validate(JsonObject obj, WriteContext context) => [];

    public virtual IEnumerable<FieldError> ValidateUpdate(JsonObject newObj, JsonObject oldObj, WriteContext context) => Validate(newObj, context);

    /// <summary>Grace period for a delete request (pods terminate gracefully); null deletes immediately.</summary>
    public virtual long? GracePeriodSeconds(JsonObject obj, long? requested) => null;

    /// <summary>The name format of this kind (most kinds use DNS-1123 subdomains).</summary>
    public virtual IReadOnlyList<string> ValidateName(string name) => NameRules.Dns1123Subdomain(name);

    /// <summary>Whether something still has to happen before a terminating object may go (finalizers by default).</summary>
    public virtual bool HasPendingFinalizers(JsonObject obj) => obj.Finalizers().Count > 0;

    /// <summary>Called when a delete is accepted but the object stays (finalizers, graceful deletion).</summary>
    public virtual void PrepareForDeletion(JsonObject obj, WriteContext context)
    {
    }

    protected static bool SpecChanged(JsonObject newObj, JsonObject oldObj) => !JsonNode.DeepEquals(newObj["spec"], oldObj["spec"]);

    protected static bool AnnotationsChanged(JsonObject newObj, JsonObject oldObj) =>
        !JsonNode.DeepEquals(newObj.MetadataOrNull()?["annotations"], oldObj.MetadataOrNull()?["annotations"]);
}
