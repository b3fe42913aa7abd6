using CanaryFlow.Core.StateMachines;

namespace CanaryFlow.Core.Tests.StateMachines;

public class StateMachineFireTests
{
    private readonly StateMachine<SamplePhase, SampleTrigger, SampleContext> _machine = SampleMachine.Build();

    [Fact]
    public void A_permit_moves_to_its_destination_and_runs_exit_then_entry_actions_in_declaration_order()
    {
        var context = new SampleContext { StepIndex = 7 };

        var transition = _machine.Fire(SamplePhase.Healthy, SampleTrigger.TemplateChanged, context);

        Assert.Equal(
            new Transition<SamplePhase, SampleTrigger>(
                SamplePhase.Healthy,
                SampleTrigger.TemplateChanged,
                SamplePhase.Progressing,
                TransitionKind.Permitted,
                [],
                ["set the step index", "emit RolloutUpdated or RolloutStepCompleted"]),
            transition);
        Assert.Equal(0, context.StepIndex);
        Assert.Equal(["RolloutUpdated"], context.Events);
    }

    [Fact]
    public void Leaving_a_state_runs_its_exit_actions_before_the_destination_entry_actions()
    {
        var context = new SampleContext();

        var transition = _machine.Fire(SamplePhase.Progressing, SampleTrigger.PauseReached, context);

        Assert.Equal(SamplePhase.Paused, transition.Destination);
        Assert.Equal(["emit StepLeft"], transition.ExitActions);
        Assert.Equal(["emit RolloutPaused"], transition.EntryActions);
        Assert.Equal(["StepLeft", "RolloutPaused"], context.Events);
    }

    [Fact]
    public void Reentry_stays_in_the_state_and_runs_its_exit_and_entry_actions()
    {
        var context = new SampleContext { StepIndex = 0, StepCount = 3 };

        var transition = _machine.Fire(SamplePhase.Progressing, SampleTrigger.StepCompleted, context);

        Assert.Equal(TransitionKind.Reentry, transition.Kind);
        Assert.Equal(SamplePhase.Progressing, transition.Source);
        Assert.Equal(SamplePhase.Progressing, transition.Destination);
        Assert.Equal(["emit StepLeft"], transition.ExitActions);
        Assert.Equal(["set the step index", "emit RolloutUpdated or RolloutStepCompleted"], transition.EntryActions);
        Assert.Equal(1, context.StepIndex);
        Assert.Equal(["StepLeft", "RolloutStepCompleted"], context.Events);
    }

    [Fact]
    public void Entry_actions_see_the_context_changed_by_earlier_actions_and_guards_see_it_on_the_next_fire()
    {
        var context = new SampleContext { StepCount = 3 };
        var phase = _machine.Fire(SamplePhase.Healthy, SampleTrigger.TemplateChanged, context).Destination;
        var kinds = new List<TransitionKind>();

        for (var i = 0; i < 3; i++)
        {
            var transition = _machine.Fire(phase, SampleTrigger.StepCompleted, context);
            kinds.Add(transition.Kind);
            phase = transition.Destination;
        }

        // Steps 0 -> 1 -> 2 re-enter Progressing; completing the last step finishes the rollout.
        Assert.Equal([TransitionKind.Reentry, TransitionKind.Reentry, TransitionKind.Permitted], kinds);
        Assert.Equal(SamplePhase.Healthy, phase);
        Assert.Equal(
            ["RolloutUpdated", "StepLeft", "RolloutStepCompleted", "StepLeft", "RolloutStepCompleted", "StepLeft", "RolloutCompleted"],
            context.Events);
    }

    [Fact]
    public void An_ignored_trigger_keeps_the_state_and_runs_no_action()
    {
        var context = new SampleContext();

        var transition = _machine.Fire(SamplePhase.Healthy, SampleTrigger.Abort, context);

        Assert.Equal(
            new Transition<SamplePhase, SampleTrigger>(SamplePhase.Healthy, SampleTrigger.Abort, SamplePhase.Healthy, TransitionKind.Ignored, [], []),
            transition);
        Assert.Empty(context.Events);
    }

    [Fact]
    public void A_guarded_permit_wins_over_the_unguarded_ignore_declared_after_it()
    {
        var withCanary = new SampleContext { HasCanary = true };
        var withoutCanary = new SampleContext { HasCanary = false };

        var aborted = _machine.Fire(SamplePhase.Progressing, SampleTrigger.Abort, withCanary);
        var ignored = _machine.Fire(SamplePhase.Progressing, SampleTrigger.Abort, withoutCanary);

        Assert.Equal(TransitionKind.Permitted, aborted.Kind);
        Assert.Equal(SamplePhase.Degraded, aborted.Destination);
        Assert.False(withCanary.HasCanary);
        Assert.Equal(["StepLeft", "RolloutAborted"], withCanary.Events);
        Assert.Equal(TransitionKind.Ignored, ignored.Kind);
        Assert.Equal(SamplePhase.Progressing, ignored.Destination);
        Assert.Empty(withoutCanary.Events);
    }

    [Fact]
    public void Guards_are_evaluated_in_declaration_order_and_the_first_that_passes_wins()
    {
        var evaluated = new List<string>();
        Func<SampleContext, bool> Guard(string name, bool result) => _ =>
        {
            evaluated.Add(name);
            return result;
        };
        var machine = new StateMachineBuilder<SamplePhase, SampleTrigger, SampleContext>()
            .Configure(SamplePhase.Progressing)
                .PermitIf(SampleTrigger.Abort, SamplePhase.Paused, Guard("first", false), "first")
                .PermitIf(SampleTrigger.Abort, SamplePhase.Degraded, Guard("second", true), "second")
                .PermitIf(SampleTrigger.Abort, SamplePhase.Healthy, Guard("third", true), "third")
            .Configure(SamplePhase.Paused)
            .Configure(SamplePhase.Degraded)
            .Configure(SamplePhase.Healthy)
            .Build();

        var transition = machine.Fire(SamplePhase.Progressing, SampleTrigger.Abort, new SampleContext());

        Assert.Equal(SamplePhase.Degraded, transition.Destination);
        Assert.Equal(["first", "second"], evaluated);
    }

    [Fact]
    public void Declaration_order_decides_between_guards_that_both_pass()
    {
        static StateMachine<SamplePhase, SampleTrigger, SampleContext> Machine(SamplePhase first, SamplePhase second) =>
            new StateMachineBuilder<SamplePhase, SampleTrigger, SampleContext>()
                .Configure(SamplePhase.Progressing)
                    .PermitIf(SampleTrigger.Abort, first, _ => true, $"go to {first}")
                    .PermitIf(SampleTrigger.Abort, second, _ => true, $"go to {second}")
                .Configure(SamplePhase.Paused)
                .Configure(SamplePhase.Degraded)
                .Build();

        Assert.Equal(SamplePhase.Paused, Machine(SamplePhase.Paused, SamplePhase.Degraded).Fire(SamplePhase.Progressing, SampleTrigger.Abort, new()).Destination);
        Assert.Equal(SamplePhase.Degraded, Machine(SamplePhase.Degraded, SamplePhase.Paused).Fire(SamplePhase.Progressing, SampleTrigger.Abort, new()).Destination);
    }

    [Fact]
    public void Actions_receive_the_state_change_in_progress()
    {
        var seen = new List<(string Action, StateChange<SamplePhase, SampleTrigger> Change)>();
        var machine = new StateMachineBuilder<SamplePhase, SampleTrigger, SampleContext>()
            .Configure(SamplePhase.Paused)
                .OnExit((_, change) => seen.Add(("exit Paused", change)), "exit Paused")
                .Permit(SampleTrigger.Promote, SamplePhase.Progressing)
            .Configure(SamplePhase.Progressing)
                .OnEntry((_, change) => seen.Add(("enter Progressing", change)), "enter Progressing")
                .OnExit((_, change) => seen.Add(("exit Progressing", change)), "exit Progressing")
                .PermitReentry(SampleTrigger.StepCompleted)
            .Build();

        machine.Fire(SamplePhase.Paused, SampleTrigger.Promote, new SampleContext());
        machine.Fire(SamplePhase.Progressing, SampleTrigger.StepCompleted, new SampleContext());

        var promote = new StateChange<SamplePhase, SampleTrigger>(SamplePhase.Paused, SampleTrigger.Promote, SamplePhase.Progressing, TransitionKind.Permitted);
        var step = new StateChange<SamplePhase, SampleTrigger>(SamplePhase.Progressing, SampleTrigger.StepCompleted, SamplePhase.Progressing, TransitionKind.Reentry);
        Assert.Equal(
            [("exit Paused", promote), ("enter Progressing", promote), ("exit Progressing", step), ("enter Progressing", step)],
            seen);
    }

    [Fact]
    public void An_exception_from_an_action_propagates_after_earlier_actions_have_run()
    {
        var context = new SampleContext();
        var machine = new StateMachineBuilder<SamplePhase, SampleTrigger, SampleContext>()
            .Configure(SamplePhase.Healthy)
                .Permit(SampleTrigger.TemplateChanged, SamplePhase.Progressing)
            .Configure(SamplePhase.Progressing)
                .OnEntry(c => c.Emit("first"), "first")
                .OnEntry(_ => throw new InvalidOperationException("boom"), "throws")
                .OnEntry(c => c.Emit("never"), "never")
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => machine.TryFire(SamplePhase.Healthy, SampleTrigger.TemplateChanged, context));

        Assert.Equal("boom", error.Message);
        Assert.Equal(["first"], context.Events);
    }

    [Fact]
    public void TryFire_returns_the_same_transition_as_Fire()
    {
        var fired = _machine.Fire(SamplePhase.Paused, SampleTrigger.Promote, new SampleContext());
        var result = _machine.TryFire(SamplePhase.Paused, SampleTrigger.Promote, new SampleContext());

        Assert.True(result.Succeeded);
        Assert.Null(result.Failure);
        Assert.Equal(fired, result.Transition);
        Assert.Equal(
            "Paused --Promote--> Progressing (Permitted; exit: []; entry: [set the step index, emit RolloutUpdated or RolloutStepCompleted])",
            result.ToString());
    }

    [Fact]
    public void Transitions_compare_by_value_including_their_action_lists()
    {
        var first = new Transition<SamplePhase, SampleTrigger>(SamplePhase.Healthy, SampleTrigger.Abort, SamplePhase.Healthy, TransitionKind.Ignored, ["a"], ["b"]);
        var same = new Transition<SamplePhase, SampleTrigger>(SamplePhase.Healthy, SampleTrigger.Abort, SamplePhase.Healthy, TransitionKind.Ignored, ["a"], ["b"]);
        var otherActions = first with { EntryActions = ["c"] };

        Assert.Equal(first, same);
        Assert.Equal(first.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(first, otherActions);
        Assert.NotEqual(first, first with { Kind = TransitionKind.Permitted });
    }
}
