using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Labels;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Strategies;

/// <summary>
/// apps/v1 ReplicaSets and Deployments: generation follows spec (and, for Deployments, annotations), status is a
/// subresource, the selector is required, immutable and must match the template's labels.
/// </summary>
public sealed class WorkloadStrategy : ResourceStrategy
{
    private readonly bool _annotationsBumpGeneration;

    private WorkloadStrategy(bool annotationsBumpGeneration) => _annotationsBumpGeneration = annotationsBumpGeneration;

    public static WorkloadStrategy ReplicaSet { get; } = new(annotationsBumpGeneration: false);
    public static WorkloadStrategy Deployment { get; } = new(annotationsBumpGeneration: true);

    public override bool TracksGeneration => true;

    public override bool HasStatusSubresource => true;

    public override void PrepareForCreate(JsonObject obj, WriteContext context) =>
        obj["status"] = _annotationsBumpGeneration ? new JsonObject() : new JsonObject { ["replicas"] = 0 };

    public override bool ShouldBumpGeneration(JsonObject newObj, JsonObject oldObj) =>
        SpecChanged(newObj, oldObj) || (_annotationsBumpGeneration && AnnotationsChanged(newObj, oldObj));

    public override void ApplyDefaults(JsonObject obj, WriteContext context) =>
        PodSpecDefaults.ApplyTemplate(obj["spec"]?["template"] as JsonObject);

    public override IEnumerable<FieldError> Validate(JsonObject obj, WriteContext context)
    {
        var spec = obj.GetObject("spec");
        if (spec?.GetObject("selector") is not { } selectorObject)
        {
            yield return FieldError.Required("spec.selector", "");
            yield break;
        }

        LabelSelector selector;
        string? problem = null;
        try
        {
            selector = LabelSelector.FromLabelSelectorObject(selectorObject);
        }
        catch (LabelSelectorParseException e)
        {
            selector = LabelSelector.Nothing;
            problem = e.Message;
        }

        if (problem is not null)
        {
            yield return FieldError.Invalid("spec.selector", selectorObject.DeepClone(), problem);
            yield break;
        }

        if (selector.IsEverything)
        {
            yield return FieldError.Invalid("spec.selector", selectorObject.DeepClone(), "empty selector is invalid for deployment");
        }

        var labels = spec["template"]?["metadata"]?["labels"] as JsonObject;
        if (!selector.Matches(labels.StringMap()))
        {
            yield return FieldError.Invalid("spec.template.metadata.labels", labels?.DeepClone(), "`selector` does not match template `labels`")
                .WithRawValue(GoMap(labels));
        }

        if (spec.GetLong("replicas") is < 0 and var replicas)
        {
            yield return FieldError.Invalid("spec.replicas", JsonValue.Create(replicas), "must be greater than or equal to 0");
        }

        if (spec["template"]?["spec"]?["containers"] is not JsonArray { Count: > 0 })
        {
            yield return FieldError.Required("spec.template.spec.containers", "");
        }
    }

    public override IEnumerable<FieldError> ValidateUpdate(JsonObject newObj, JsonObject oldObj, WriteContext context)
    {
        foreach (var error in Validate(newObj, context))
        {
            yield return error;
        }

        var newSelector = newObj["spec"]?["selector"];
        if (!JsonNode.DeepEquals(newSelector, oldObj["spec"]?["selector"]))
        {
            yield return FieldError.Invalid("spec.selector", newSelector?.DeepClone(), "field is immutable");
        }
    }

    /// <summary>Go's %#v of a map[string]string, which is how the real server prints labels in this error.</summary>
    private static string GoMap(JsonObject? labels)
    {
        var entries = labels.StringMap().OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{JsonValue.Create(kv.Key).ToJsonString()}:{JsonValue.Create(kv.Value).ToJsonString()}");
        return "map[string]string{" + string.Join(", ", entries) + "}";
    }
}
