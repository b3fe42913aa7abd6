namespace CanaryFlow.Core.Tests.StateMachines;

/// <summary>A stand-in for the Rollout's reconcile context: what guards read and what actions change.</summary>
public sealed class SampleContext
{
    public bool HasCanary { get; set; }

    public int StepIndex { get; set; }

    public int StepCount { get; set; } = 3;

    public List<string> Events { get; } = [];

    public void Emit(string reason) => Events.Add(reason);
}
