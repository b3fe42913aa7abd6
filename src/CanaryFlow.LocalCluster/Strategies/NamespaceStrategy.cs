using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Strategies;

/// <summary>
/// Namespaces: Active on create with the <c>kubernetes</c> finalizer and the metadata.name label; deletion makes
/// them Terminating until the namespace controller has emptied them and cleared spec.finalizers via /finalize.
/// </summary>
public sealed class NamespaceStrategy : ResourceStrategy
{
    public const string NameLabel = "kubernetes.io/metadata.name";

    public override bool HasStatusSubresource => true;

    public override IReadOnlyList<string> ValidateName(string name) => NameRules.Dns1123Label(name);

    public override void PrepareForCreate(JsonObject obj, WriteContext context)
    {
        obj["status"] = new JsonObject { ["phase"] = "Active" };
        var spec = obj.GetOrAddObject("spec");
        var finalizers = spec.GetArray("finalizers") ?? [];
        if (!finalizers.Any(f => f?.GetValue<string>() == "kubernetes"))
        {
            finalizers.Add("kubernetes");
        }

        spec["finalizers"] = finalizers.DeepClone();
    }

    public override void PrepareForUpdate(JsonObject newObj, JsonObject oldObj, WriteContext context)
    {
        base.PrepareForUpdate(newObj, oldObj, context);
        var spec = newObj.GetOrAddObject("spec");
        if (oldObj["spec"]?["finalizers"] is { } finalizers)
        {
            spec["finalizers"] = finalizers.DeepClone();
        }
        else
        {
            spec.Remove("finalizers");
        }
    }

    public override void ApplyDefaults(JsonObject obj, WriteContext context)
    {
        if (obj.Name() is { Length: > 0 } name)
        {
            obj.Metadata().GetOrAddObject("labels")[NameLabel] = name;
        }
    }

    public override bool HasPendingFinalizers(JsonObject obj) =>
        base.HasPendingFinalizers(obj) || obj["spec"]?["finalizers"] is JsonArray { Count: > 0 };

    public override void PrepareForDeletion(JsonObject obj, WriteContext context) =>
        obj.GetOrAddObject("status")["phase"] = "Terminating";
}
