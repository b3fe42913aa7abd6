using CanaryFlow.Core.StateMachines;

namespace CanaryFlow.Core.Tests.StateMachines;

public class StateMachineBuilderValidationTests
{
    private static StateMachineBuilder<SamplePhase, SampleTrigger, SampleContext> NewBuilder() => new();

    private static IReadOnlyList<string> ProblemsOf(StateMachineBuilder<SamplePhase, SampleTrigger, SampleContext> builder) =>
        Assert.Throws<StateMachineConfigurationException>(builder.Build).Problems;

    [Fact]
    public void A_machine_without_states_is_rejected()
    {
        Assert.Equal(["no state is configured"], ProblemsOf(NewBuilder()));
    }

    [Fact]
    public void A_trigger_configured_twice_without_a_guard_is_rejected()
    {
        var builder = NewBuilder();
        builder.Configure(SamplePhase.Healthy)
            .Permit(SampleTrigger.TemplateChanged, SamplePhase.Progressing)
            .Ignore(SampleTrigger.TemplateChanged)
            .Configure(SamplePhase.Progressing);

        Assert.Equal(
            ["state Healthy: trigger TemplateChanged is configured twice without a guard: Permit(TemplateChanged -> Progressing) and Ignore(TemplateChanged)"],
            ProblemsOf(builder));
    }

    [Fact]
    public void A_guarded_behaviour_after_the_unguarded_one_for_its_trigger_is_rejected_as_unreachable()
    {
        var builder = NewBuilder();
        builder.Configure(SamplePhase.Healthy)
            .Ignore(SampleTrigger.Abort)
            .PermitIf(SampleTrigger.Abort, SamplePhase.Degraded, c => c.HasCanary, "a canary is in flight")
            .Configure(SamplePhase.Degraded);

        Assert.Equal(
            ["state Healthy: PermitIf(Abort -> Degraded) [a canary is in flight] can never apply: it follows Ignore(Abort), which always applies"],
            ProblemsOf(builder));
    }

    [Fact]
    public void A_permit_to_a_state_that_is_never_configured_is_rejected()
    {
        var builder = NewBuilder();
        builder.Configure(SamplePhase.Healthy)
            .Permit(SampleTrigger.TemplateChanged, SamplePhase.Progressing)
            .PermitIf(SampleTrigger.Abort, SamplePhase.Degraded, c => c.HasCanary, "a canary is in flight");

        Assert.Equal(
            [
                "state Healthy: Permit(TemplateChanged -> Progressing) targets state Progressing, which is never configured",
                "state Healthy: PermitIf(Abort -> Degraded) [a canary is in flight] targets state Degraded, which is never configured",
            ],
            ProblemsOf(builder));
    }

    [Fact]
    public void A_permit_to_its_own_state_is_rejected_in_favour_of_reentry_or_ignore()
    {
        var builder = NewBuilder();
        builder.Configure(SamplePhase.Progressing).Permit(SampleTrigger.StepCompleted, SamplePhase.Progressing);

        Assert.Equal(
            ["state Progressing: Permit(StepCompleted -> Progressing) targets its own state: use PermitReentry (runs exit and entry actions) or Ignore"],
            ProblemsOf(builder));
    }

    [Fact]
    public void A_state_configured_twice_is_rejected()
    {
        var builder = NewBuilder();
        builder.Configure(SamplePhase.Healthy).Ignore(SampleTrigger.Abort)
            .Configure(SamplePhase.Healthy).Ignore(SampleTrigger.Retry);

        Assert.Equal(["state Healthy is configured more than once: configure each state in one place"], ProblemsOf(builder));
    }

    [Fact]
    public void Two_guards_of_one_trigger_with_the_same_description_are_rejected()
    {
        var builder = NewBuilder();
        builder.Configure(SamplePhase.Progressing)
            .PermitIf(SampleTrigger.Abort, SamplePhase.Degraded, c => c.HasCanary, "aborting")
            .PermitIf(SampleTrigger.Abort, SamplePhase.Healthy, c => !c.HasCanary, "aborting")
            .Configure(SamplePhase.Degraded)
            .Configure(SamplePhase.Healthy);

        Assert.Equal(
            ["state Progressing: trigger Abort has two guards described as \"aborting\": each description must say what its guard checks"],
            ProblemsOf(builder));
    }

    [Fact]
    public void The_initial_state_must_be_configured()
    {
        var builder = NewBuilder().InitialState(SamplePhase.Healthy);
        builder.Configure(SamplePhase.Progressing);

        Assert.Equal(["the initial state Healthy is never configured"], ProblemsOf(builder));
    }

    [Fact]
    public void With_an_initial_state_every_state_must_be_reachable_through_permits_whatever_the_guards()
    {
        var builder = NewBuilder().InitialState(SamplePhase.Healthy);
        builder.Configure(SamplePhase.Healthy)
                .PermitIf(SampleTrigger.TemplateChanged, SamplePhase.Progressing, _ => false, "never")
            .Configure(SamplePhase.Progressing)
                .PermitReentry(SampleTrigger.StepCompleted)
            .Configure(SamplePhase.Paused)
                .Permit(SampleTrigger.Promote, SamplePhase.Progressing)
            .Configure(SamplePhase.Degraded);

        Assert.Equal(
            [
                "state Paused is not reachable from the initial state Healthy",
                "state Degraded is not reachable from the initial state Healthy",
            ],
            ProblemsOf(builder));
    }

    [Fact]
    public void All_problems_are_reported_together_in_the_message()
    {
        var builder = NewBuilder();
        builder.Configure(SamplePhase.Healthy)
            .Permit(SampleTrigger.TemplateChanged, SamplePhase.Progressing)
            .Permit(SampleTrigger.TemplateChanged, SamplePhase.Degraded)
            .Configure(SamplePhase.Degraded);

        var error = Assert.Throws<StateMachineConfigurationException>(builder.Build);

        Assert.Equal(
            "The state machine configuration is invalid:\n"
            + "- state Healthy: Permit(TemplateChanged -> Progressing) targets state Progressing, which is never configured\n"
            + "- state Healthy: trigger TemplateChanged is configured twice without a guard: Permit(TemplateChanged -> Progressing) and Permit(TemplateChanged -> Degraded)",
            error.Message);
        Assert.Equal(2, error.Problems.Count);
    }

    [Fact]
    public void Undefined_enum_values_are_rejected_where_they_are_passed()
    {
        var builder = NewBuilder();
        var healthy = builder.Configure(SamplePhase.Healthy);

        Assert.Equal("state", Assert.Throws<ArgumentOutOfRangeException>(() => builder.Configure((SamplePhase)42)).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentOutOfRangeException>(() => builder.InitialState((SamplePhase)42)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentOutOfRangeException>(() => healthy.Permit(SampleTrigger.Abort, (SamplePhase)42)).ParamName);
        var trigger = Assert.Throws<ArgumentOutOfRangeException>(() => healthy.Ignore((SampleTrigger)42));
        Assert.Equal("trigger", trigger.ParamName);
        Assert.StartsWith("42 is not a defined SampleTrigger.", trigger.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("two\nlines")]
    [InlineData("two\r\nlines")]
    public void Descriptions_must_be_one_non_blank_line(string description)
    {
        var healthy = NewBuilder().Configure(SamplePhase.Healthy);

        Assert.Equal("guardDescription", Assert.ThrowsAny<ArgumentException>(() => healthy.PermitIf(SampleTrigger.Abort, SamplePhase.Degraded, _ => true, description)).ParamName);
        Assert.Equal("description", Assert.ThrowsAny<ArgumentException>(() => healthy.OnEntry(_ => { }, description)).ParamName);
        Assert.Equal("description", Assert.ThrowsAny<ArgumentException>(() => healthy.OnExit((_, _) => { }, description)).ParamName);
    }

    [Fact]
    public void Null_guards_and_actions_are_rejected()
    {
        var healthy = NewBuilder().Configure(SamplePhase.Healthy);

        Assert.Equal("guard", Assert.Throws<ArgumentNullException>(() => healthy.IgnoreIf(SampleTrigger.Abort, null!, "no canary")).ParamName);
        Assert.Equal("action", Assert.Throws<ArgumentNullException>(() => healthy.OnEntry((Action<SampleContext>)null!, "x")).ParamName);
        Assert.Equal("action", Assert.Throws<ArgumentNullException>(() => healthy.OnExit((Action<SampleContext, StateChange<SamplePhase, SampleTrigger>>)null!, "x")).ParamName);
    }

    [Fact]
    public void Changing_the_builder_after_Build_does_not_change_the_built_machine()
    {
        var builder = NewBuilder();
        var healthy = builder.Configure(SamplePhase.Healthy).Permit(SampleTrigger.TemplateChanged, SamplePhase.Progressing);
        var progressing = builder.Configure(SamplePhase.Progressing);
        var machine = builder.Build();

        healthy.Ignore(SampleTrigger.Abort);
        progressing.OnEntry(c => c.Emit("added later"), "added later");
        var context = new SampleContext();

        Assert.False(machine.CanFire(SamplePhase.Healthy, SampleTrigger.Abort, context));
        Assert.Empty(machine.Fire(SamplePhase.Healthy, SampleTrigger.TemplateChanged, context).EntryActions);
        Assert.Empty(context.Events);
        Assert.True(builder.Build().CanFire(SamplePhase.Healthy, SampleTrigger.Abort, context));
    }
}
