using CanaryFlow.Core.StateMachines;

namespace CanaryFlow.Core.Rollouts;

/// <summary>What entry actions of the Rollout state machine write to: the events of the transitions of one reconcile.</summary>
public sealed class RolloutTransitionContext
{
    public List<RolloutEvent> Events { get; } = [];

    /// <summary>The message of the trigger being fired (what happened, in words a person reads in kubectl describe).</summary>
    public string Message { get; set; } = "";

    internal void Emit(RolloutTrigger trigger) =>
        Events.Add(new RolloutEvent(RolloutStateMachine.EventType(trigger), RolloutStateMachine.EventReason(trigger), Message));
}

/// <summary>
/// The phases of a Rollout and how triggers move between them. Every transition, reentries included, records the
/// Kubernetes Event of its trigger. docs/state-machine.md is generated from this definition by a test.
/// </summary>
public static class RolloutStateMachine
{
    public static StateMachine<RolloutPhase, RolloutTrigger, RolloutTransitionContext> Machine { get; } = Build();

    /// <summary>The Event reason of each trigger (stable names: dashboards and alerts key on them).</summary>
    public static string EventReason(RolloutTrigger trigger) => trigger switch
    {
        RolloutTrigger.TemplateChanged => "RolloutUpdated",
        RolloutTrigger.RolledBack => "RolloutRolledBack",
        RolloutTrigger.StepCompleted => "RolloutStepCompleted",
        RolloutTrigger.PauseStarted => "RolloutPaused",
        RolloutTrigger.PauseEnded => "RolloutResumed",
        RolloutTrigger.Completed => "RolloutCompleted",
        RolloutTrigger.BecameAvailable => "RolloutAvailable",
        RolloutTrigger.BecameUnavailable => "RolloutUnavailable",
        RolloutTrigger.Aborted => "RolloutAborted",
        RolloutTrigger.Retried => "RolloutRetried",
        RolloutTrigger.ProgressDeadlineExceeded => "ProgressDeadlineExceeded",
        RolloutTrigger.ProgressResumed => "RolloutProgressing",
        RolloutTrigger.SpecInvalid => "InvalidSpec",
        RolloutTrigger.SpecFixed => "SpecFixed",
        _ => trigger.ToString(),
    };

    public static string EventType(RolloutTrigger trigger) => trigger switch
    {
        RolloutTrigger.Aborted or RolloutTrigger.ProgressDeadlineExceeded or RolloutTrigger.SpecInvalid => RolloutEvent.Warning,
        _ => RolloutEvent.Normal,
    };

    private static StateMachine<RolloutPhase, RolloutTrigger, RolloutTransitionContext> Build()
    {
        const string emit = "record the trigger's Event";
        return new StateMachineBuilder<RolloutPhase, RolloutTrigger, RolloutTransitionContext>()
            .InitialState(RolloutPhase.Progressing)
            .Configure(RolloutPhase.Healthy)
                .OnEntry((c, change) => c.Emit(change.Trigger), emit)
                .Permit(RolloutTrigger.TemplateChanged, RolloutPhase.Progressing)
                .Permit(RolloutTrigger.RolledBack, RolloutPhase.Progressing)
                .Permit(RolloutTrigger.BecameUnavailable, RolloutPhase.Progressing)
                .Permit(RolloutTrigger.SpecInvalid, RolloutPhase.Degraded)
                .Permit(RolloutTrigger.ProgressDeadlineExceeded, RolloutPhase.Degraded)
                .PermitReentry(RolloutTrigger.PauseStarted)
                .PermitReentry(RolloutTrigger.PauseEnded)
                .PermitReentry(RolloutTrigger.SpecFixed)
                .Ignore(RolloutTrigger.BecameAvailable)
                .Ignore(RolloutTrigger.Aborted)
                .Ignore(RolloutTrigger.Retried)
                .Ignore(RolloutTrigger.StepCompleted)
                .Ignore(RolloutTrigger.Completed)
                .Ignore(RolloutTrigger.ProgressResumed)
            .Configure(RolloutPhase.Progressing)
                .OnEntry((c, change) => c.Emit(change.Trigger), emit)
                .Permit(RolloutTrigger.PauseStarted, RolloutPhase.Paused)
                .Permit(RolloutTrigger.Completed, RolloutPhase.Healthy)
                .Permit(RolloutTrigger.BecameAvailable, RolloutPhase.Healthy)
                .Permit(RolloutTrigger.Aborted, RolloutPhase.Degraded)
                .Permit(RolloutTrigger.ProgressDeadlineExceeded, RolloutPhase.Degraded)
                .Permit(RolloutTrigger.SpecInvalid, RolloutPhase.Degraded)
                .PermitReentry(RolloutTrigger.TemplateChanged)
                .PermitReentry(RolloutTrigger.RolledBack)
                .PermitReentry(RolloutTrigger.StepCompleted)
                .PermitReentry(RolloutTrigger.PauseEnded)
                .PermitReentry(RolloutTrigger.Retried)
                .PermitReentry(RolloutTrigger.BecameUnavailable)
                .PermitReentry(RolloutTrigger.ProgressResumed)
                .PermitReentry(RolloutTrigger.SpecFixed)
            .Configure(RolloutPhase.Paused)
                .OnEntry((c, change) => c.Emit(change.Trigger), emit)
                .Permit(RolloutTrigger.PauseEnded, RolloutPhase.Progressing)
                .Permit(RolloutTrigger.StepCompleted, RolloutPhase.Progressing)
                .Permit(RolloutTrigger.TemplateChanged, RolloutPhase.Progressing)
                .Permit(RolloutTrigger.RolledBack, RolloutPhase.Progressing)
                .Permit(RolloutTrigger.Retried, RolloutPhase.Progressing)
                .Permit(RolloutTrigger.Completed, RolloutPhase.Healthy)
                .Permit(RolloutTrigger.Aborted, RolloutPhase.Degraded)
                .Permit(RolloutTrigger.SpecInvalid, RolloutPhase.Degraded)
                .PermitReentry(RolloutTrigger.PauseStarted)
                .PermitReentry(RolloutTrigger.SpecFixed)
                .Ignore(RolloutTrigger.BecameAvailable)
                .Ignore(RolloutTrigger.BecameUnavailable)
                .Ignore(RolloutTrigger.ProgressDeadlineExceeded)
                .Ignore(RolloutTrigger.ProgressResumed)
            .Configure(RolloutPhase.Degraded)
                .OnEntry((c, change) => c.Emit(change.Trigger), emit)
                .Permit(RolloutTrigger.Retried, RolloutPhase.Progressing)
                .Permit(RolloutTrigger.TemplateChanged, RolloutPhase.Progressing)
                .Permit(RolloutTrigger.RolledBack, RolloutPhase.Progressing)
                .Permit(RolloutTrigger.SpecFixed, RolloutPhase.Progressing)
                .Permit(RolloutTrigger.ProgressResumed, RolloutPhase.Progressing)
                .Permit(RolloutTrigger.StepCompleted, RolloutPhase.Progressing)
                .Permit(RolloutTrigger.PauseStarted, RolloutPhase.Paused)
                .Permit(RolloutTrigger.BecameAvailable, RolloutPhase.Healthy)
                .Permit(RolloutTrigger.Completed, RolloutPhase.Healthy)
                .PermitReentry(RolloutTrigger.Aborted)
                .PermitReentry(RolloutTrigger.SpecInvalid)
                .PermitReentry(RolloutTrigger.ProgressDeadlineExceeded)
                .PermitReentry(RolloutTrigger.PauseEnded)
                .PermitReentry(RolloutTrigger.BecameUnavailable)
            .Build();
    }
}
