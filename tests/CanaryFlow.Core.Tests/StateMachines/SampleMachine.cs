using CanaryFlow.Core.StateMachines;

namespace CanaryFlow.Core.Tests.StateMachines;

/// <summary>A small machine shaped like the Rollout's, shared by the tests that do not need their own.</summary>
public static class SampleMachine
{
    public static StateMachine<SamplePhase, SampleTrigger, SampleContext> Build() =>
        new StateMachineBuilder<SamplePhase, SampleTrigger, SampleContext>()
            .InitialState(SamplePhase.Healthy)
            .Configure(SamplePhase.Healthy)
                .OnEntry(c => c.Emit("RolloutCompleted"), "emit RolloutCompleted")
                .Permit(SampleTrigger.TemplateChanged, SamplePhase.Progressing)
                .Ignore(SampleTrigger.Abort)
            .Configure(SamplePhase.Progressing)
                .OnEntry((c, change) => c.StepIndex = change.Trigger == SampleTrigger.StepCompleted ? c.StepIndex + 1 : 0, "set the step index")
                .OnEntry((c, change) => c.Emit(change.Trigger == SampleTrigger.StepCompleted ? "RolloutStepCompleted" : "RolloutUpdated"), "emit RolloutUpdated or RolloutStepCompleted")
                .OnExit(c => c.Emit("StepLeft"), "emit StepLeft")
                .PermitReentryIf(SampleTrigger.StepCompleted, c => c.StepIndex + 1 < c.StepCount, "steps remain")
                .Permit(SampleTrigger.StepCompleted, SamplePhase.Healthy)
                .Permit(SampleTrigger.PauseReached, SamplePhase.Paused)
                .PermitIf(SampleTrigger.Abort, SamplePhase.Degraded, c => c.HasCanary, "a canary is in flight")
                .Ignore(SampleTrigger.Abort)
                .PermitReentry(SampleTrigger.TemplateChanged)
            .Configure(SamplePhase.Paused)
                .OnEntry(c => c.Emit("RolloutPaused"), "emit RolloutPaused")
                .Permit(SampleTrigger.Promote, SamplePhase.Progressing)
                .PermitIf(SampleTrigger.Abort, SamplePhase.Degraded, c => c.HasCanary, "a canary is in flight")
            .Configure(SamplePhase.Degraded)
                .OnEntry(c => c.HasCanary = false, "scale the canary down")
                .OnEntry(c => c.Emit("RolloutAborted"), "emit RolloutAborted")
                .Permit(SampleTrigger.Retry, SamplePhase.Progressing)
                .Permit(SampleTrigger.TemplateChanged, SamplePhase.Progressing)
                .Ignore(SampleTrigger.Abort)
            .Build();
}
