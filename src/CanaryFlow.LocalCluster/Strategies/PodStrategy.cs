using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Strategies;

/// <summary>
/// Pods: Pending on create, graceful deletion (the simulated kubelet removes them), and the real server's rule
/// that a pod's spec is immutable apart from images, activeDeadlineSeconds and added tolerations.
/// </summary>
public sealed class PodStrategy : ResourceStrategy
{
    private static readonly string[] _mutableSpecFields = ["activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds", "schedulingGates"];

    public override bool HasStatusSubresource => true;

    public override bool ReturnDeletedObject => true;

    public override void PrepareForCreate(JsonObject obj, WriteContext context) =>
        obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" };

    public override void ApplyDefaults(JsonObject obj, WriteContext context) => PodSpecDefaults.Apply(obj.GetObject("spec"));

    public override IEnumerable<FieldError> Validate(JsonObject obj, WriteContext context)
    {
        var containers = obj["spec"]?["containers"] as JsonArray;
        if (containers is not { Count: > 0 })
        {
            yield return FieldError.Required("spec.containers", "");
        }
    }

    public override IEnumerable<FieldError> ValidateUpdate(JsonObject newObj, JsonObject oldObj, WriteContext context)
    {
        foreach (var error in Validate(newObj, context))
        {
            yield return error;
        }

        if (!JsonNode.DeepEquals(Immutable(newObj), Immutable(oldObj)))
        {
            yield return FieldError.Forbidden(
                "spec",
                "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)");
        }
    }

    public override long? GracePeriodSeconds(JsonObject obj, long? requested)
    {
        var phase = obj["status"]?["phase"]?.GetValue<string>();
        if (phase is "Succeeded" or "Failed" || string.IsNullOrEmpty(obj["spec"]?["nodeName"]?.GetValue<string>()))
        {
            return 0;
        }

        return requested ?? obj["spec"]?["terminationGracePeriodSeconds"]?.GetValue<long>() ?? 30;
    }

    /// <summary>The pod spec without the fields an update may change.</summary>
    private static JsonNode? Immutable(JsonObject pod)
    {
        if (pod["spec"]?.DeepClone() is not JsonObject spec)
        {
            return null;
        }

        foreach (var field in _mutableSpecFields)
        {
            spec.Remove(field);
        }

        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in spec.GetArray(list)?.OfType<JsonObject>() ?? [])
            {
                container.Remove("image");
            }
        }

        return spec;
    }
}
