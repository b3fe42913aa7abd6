namespace CanaryFlow.Core.Tests.StateMachines;

public enum SampleTrigger
{
    TemplateChanged,
    StepCompleted,
    PauseReached,
    Promote,
    Abort,
    Retry,
}
