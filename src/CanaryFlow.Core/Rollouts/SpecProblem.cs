namespace CanaryFlow.Core.Rollouts;

/// <summary>One reason a Rollout's spec cannot be acted on, naming the field as kubectl users know it.</summary>
public sealed record SpecProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
