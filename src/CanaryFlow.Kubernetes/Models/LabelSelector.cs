namespace CanaryFlow.Kubernetes.Models;

/// <summary>
/// The structured metav1.LabelSelector of specs. To match labels, convert it with
/// <see cref="CanaryFlow.Kubernetes.Labels.LabelSelector.FromLabelSelectorObject"/>, which follows apimachinery's rules for null and empty.
/// </summary>
public sealed record LabelSelector : KubernetesRecord
{
    public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }

    public IReadOnlyList<LabelSelectorRequirement>? MatchExpressions { get; init; }
}

/// <summary>One <c>matchExpressions</c> entry; <see cref="Operator"/> is In, NotIn, Exists or DoesNotExist.</summary>
public sealed record LabelSelectorRequirement : KubernetesRecord
{
    public string? Key { get; init; }

    public string? Operator { get; init; }

    public IReadOnlyList<string>? Values { get; init; }
}
