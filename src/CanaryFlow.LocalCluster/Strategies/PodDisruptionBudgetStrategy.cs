using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Strategies;

/// <summary>
/// policy/v1 PodDisruptionBudgets: generation follows spec, status belongs to the /status subresource (no disruption
/// controller runs, so it keeps its zero defaults), and minAvailable excludes maxUnavailable.
/// </summary>
public sealed class PodDisruptionBudgetStrategy : ResourceStrategy
{
    public override bool TracksGeneration => true;

    public override bool HasStatusSubresource => true;

    public override bool ShouldBumpGeneration(JsonObject newObj, JsonObject oldObj) => SpecChanged(newObj, oldObj);

    public override IEnumerable<FieldError> Validate(JsonObject obj, WriteContext context)
    {
        if (obj["spec"]?["minAvailable"] is not null && obj["spec"]?["maxUnavailable"] is not null)
        {
            yield return FieldError.Invalid("spec", obj["spec"]!.DeepClone(), "minAvailable and maxUnavailable cannot be both set");
        }
    }
}
