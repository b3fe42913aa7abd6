using CanaryFlow.Core.StateMachines;

namespace CanaryFlow.Core.Tests.StateMachines;

public class StateMachineFailureTests
{
    private readonly StateMachine<SamplePhase, SampleTrigger, SampleContext> _machine = SampleMachine.Build();

    [Fact]
    public void Firing_a_trigger_the_state_does_not_configure_names_the_state_the_trigger_and_what_is_configured()
    {
        var context = new SampleContext();

        var error = Assert.Throws<InvalidTransitionException>(() => _machine.Fire(SamplePhase.Healthy, SampleTrigger.Promote, context));

        Assert.Equal(
            "Cannot fire Promote in state Healthy: the trigger is not configured for this state (configured triggers: TemplateChanged, Abort).",
            error.Message);
        Assert.Equal(SamplePhase.Healthy, error.State);
        Assert.Equal(SampleTrigger.Promote, error.Trigger);
        Assert.Equal(FireFailureReason.TriggerNotConfigured, error.Reason);
        Assert.Empty(error.FailedGuards);
        Assert.Empty(context.Events);
    }

    [Fact]
    public void When_no_guard_passes_the_error_lists_the_guard_descriptions()
    {
        var error = Assert.Throws<InvalidTransitionException>(
            () => _machine.Fire(SamplePhase.Paused, SampleTrigger.Abort, new SampleContext { HasCanary = false }));

        Assert.Equal("Cannot fire Abort in state Paused: no guard passed: a canary is in flight.", error.Message);
        Assert.Equal(FireFailureReason.NoGuardPassed, error.Reason);
        Assert.Equal(["a canary is in flight"], error.FailedGuards);
    }

    [Fact]
    public void Several_failed_guards_are_listed_in_evaluation_order()
    {
        var machine = new StateMachineBuilder<SamplePhase, SampleTrigger, SampleContext>()
            .Configure(SamplePhase.Paused)
                .PermitIf(SampleTrigger.Promote, SamplePhase.Progressing, c => c.HasCanary, "a canary is in flight")
                .PermitIf(SampleTrigger.Promote, SamplePhase.Healthy, c => c.StepIndex > 0, "a step was completed")
            .Configure(SamplePhase.Progressing)
            .Configure(SamplePhase.Healthy)
            .Build();

        var result = machine.TryFire(SamplePhase.Paused, SampleTrigger.Promote, new SampleContext());

        Assert.False(result.Succeeded);
        Assert.Null(result.Transition);
        Assert.Equal(FireFailureReason.NoGuardPassed, result.Failure.Reason);
        Assert.Equal(["a canary is in flight", "a step was completed"], result.Failure.FailedGuards);
        Assert.Equal("Cannot fire Promote in state Paused: no guard passed: a canary is in flight; a step was completed.", result.Failure.Message);
    }

    [Fact]
    public void TryFire_reports_an_unconfigured_trigger_as_a_failure_result_without_running_actions()
    {
        var context = new SampleContext();

        var result = _machine.TryFire(SamplePhase.Degraded, SampleTrigger.Promote, context);

        Assert.False(result.Succeeded);
        Assert.Equal(SamplePhase.Degraded, result.Failure.State);
        Assert.Equal(SampleTrigger.Promote, result.Failure.Trigger);
        Assert.Equal(FireFailureReason.TriggerNotConfigured, result.Failure.Reason);
        Assert.Equal(
            "Cannot fire Promote in state Degraded: the trigger is not configured for this state (configured triggers: Retry, TemplateChanged, Abort).",
            result.Failure.Message);
        Assert.Equal(result.Failure.Message, result.ToString());
        Assert.Empty(context.Events);
    }

    [Fact]
    public void A_state_the_machine_does_not_know_is_a_failure_not_a_crash()
    {
        var fromStatus = SamplePhase.NeverConfigured;

        var result = _machine.TryFire(fromStatus, SampleTrigger.Abort, new SampleContext());
        var error = Assert.Throws<InvalidTransitionException>(() => _machine.Fire(fromStatus, SampleTrigger.Abort, new SampleContext()));

        Assert.Equal(FireFailureReason.StateNotConfigured, result.Failure?.Reason);
        Assert.Equal("Cannot fire Abort in state NeverConfigured: the state is not configured.", error.Message);
        Assert.False(_machine.CanFire(fromStatus, SampleTrigger.Abort, new SampleContext()));
        var permittedError = Assert.Throws<ArgumentOutOfRangeException>(() => _machine.PermittedTriggers(fromStatus, new SampleContext()));
        Assert.StartsWith("State NeverConfigured is not configured.", permittedError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_without_behaviours_says_it_has_no_configured_triggers()
    {
        var machine = new StateMachineBuilder<SamplePhase, SampleTrigger, SampleContext>()
            .Configure(SamplePhase.Healthy)
            .Build();

        var error = Assert.Throws<InvalidTransitionException>(() => machine.Fire(SamplePhase.Healthy, SampleTrigger.Abort, new SampleContext()));

        Assert.Equal("Cannot fire Abort in state Healthy: the trigger is not configured for this state (configured triggers: none).", error.Message);
    }
}
