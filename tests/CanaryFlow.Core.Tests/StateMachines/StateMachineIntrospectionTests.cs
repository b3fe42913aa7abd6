using CanaryFlow.Core.StateMachines;

namespace CanaryFlow.Core.Tests.StateMachines;

public class StateMachineIntrospectionTests
{
    private readonly StateMachine<SamplePhase, SampleTrigger, SampleContext> _machine = SampleMachine.Build();

    [Fact]
    public void States_are_listed_in_configuration_order_with_the_initial_state()
    {
        Assert.Equal([SamplePhase.Healthy, SamplePhase.Progressing, SamplePhase.Paused, SamplePhase.Degraded], _machine.States);
        Assert.Equal(SamplePhase.Healthy, _machine.InitialState);
        Assert.Equal(SamplePhase.Healthy, _machine.Description.InitialState);
    }

    [Fact]
    public void Without_an_initial_state_none_is_reported()
    {
        var machine = new StateMachineBuilder<SamplePhase, SampleTrigger, SampleContext>().Configure(SamplePhase.Healthy).Build();

        Assert.Null(machine.InitialState);
        Assert.Null(machine.Description.InitialState);
    }

    [Fact]
    public void Permitted_triggers_follow_the_guards_and_leave_out_ignored_triggers()
    {
        var withCanary = new SampleContext { HasCanary = true, StepIndex = 0, StepCount = 3 };
        var withoutCanary = new SampleContext { HasCanary = false };

        Assert.Equal(
            [SampleTrigger.StepCompleted, SampleTrigger.PauseReached, SampleTrigger.Abort, SampleTrigger.TemplateChanged],
            _machine.PermittedTriggers(SamplePhase.Progressing, withCanary));
        Assert.Equal(
            [SampleTrigger.StepCompleted, SampleTrigger.PauseReached, SampleTrigger.TemplateChanged],
            _machine.PermittedTriggers(SamplePhase.Progressing, withoutCanary));
        Assert.Equal([SampleTrigger.TemplateChanged], _machine.PermittedTriggers(SamplePhase.Healthy, withCanary));
        Assert.Equal([SampleTrigger.Promote], _machine.PermittedTriggers(SamplePhase.Paused, withoutCanary));
        Assert.Empty(withCanary.Events);
    }

    [Fact]
    public void CanFire_counts_ignored_triggers_and_follows_guards()
    {
        var withoutCanary = new SampleContext { HasCanary = false };

        Assert.True(_machine.CanFire(SamplePhase.Healthy, SampleTrigger.Abort, withoutCanary));
        Assert.True(_machine.CanFire(SamplePhase.Paused, SampleTrigger.Promote, withoutCanary));
        Assert.False(_machine.CanFire(SamplePhase.Paused, SampleTrigger.Abort, withoutCanary));
        Assert.True(_machine.CanFire(SamplePhase.Paused, SampleTrigger.Abort, new SampleContext { HasCanary = true }));
        Assert.False(_machine.CanFire(SamplePhase.Healthy, SampleTrigger.Promote, withoutCanary));
        Assert.Empty(withoutCanary.Events);
    }

    [Fact]
    public void The_description_lists_actions_and_transitions_with_guards_in_declaration_order()
    {
        var progressing = _machine.Description.States[1];

        Assert.Equal(SamplePhase.Progressing, progressing.State);
        Assert.Equal(["set the step index", "emit RolloutUpdated or RolloutStepCompleted"], progressing.EntryActions);
        Assert.Equal(["emit StepLeft"], progressing.ExitActions);
        Assert.Equal(
            [
                new(SamplePhase.Progressing, SampleTrigger.StepCompleted, TransitionKind.Reentry, SamplePhase.Progressing, "steps remain", false),
                new(SamplePhase.Progressing, SampleTrigger.StepCompleted, TransitionKind.Permitted, SamplePhase.Healthy, null, true),
                new(SamplePhase.Progressing, SampleTrigger.PauseReached, TransitionKind.Permitted, SamplePhase.Paused, null, false),
                new(SamplePhase.Progressing, SampleTrigger.Abort, TransitionKind.Permitted, SamplePhase.Degraded, "a canary is in flight", false),
                new(SamplePhase.Progressing, SampleTrigger.Abort, TransitionKind.Ignored, SamplePhase.Progressing, null, true),
                new TransitionDescription<SamplePhase, SampleTrigger>(
                    SamplePhase.Progressing, SampleTrigger.TemplateChanged, TransitionKind.Reentry, SamplePhase.Progressing, null, false),
            ],
            progressing.Transitions);
    }

    [Fact]
    public void The_description_flattens_all_transitions_state_by_state()
    {
        var transitions = _machine.Description.Transitions;

        Assert.Equal(13, transitions.Count);
        Assert.Equal(
            [SamplePhase.Healthy, SamplePhase.Progressing, SamplePhase.Paused, SamplePhase.Degraded],
            transitions.Select(transition => transition.Source).Distinct());
        Assert.Equal(
            _machine.Description.States.SelectMany(state => state.Transitions),
            transitions);
    }
}
