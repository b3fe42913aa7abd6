using CanaryFlow.Core.StateMachines;

namespace CanaryFlow.Core.Tests.StateMachines;

/// <summary>
/// Fires random triggers with random contexts (fixed seeds, so a failure reproduces) and checks what must hold for
/// every single fire, whichever path the machine takes.
/// </summary>
public class StateMachineRandomFiringTests
{
    private const int _firesPerSeed = 5_000;

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(20_240_601)]
    public void Every_fire_keeps_the_invariants(int seed)
    {
        var random = new Random(seed);
        var machine = JournalingMachine();
        var triggers = Enum.GetValues<SampleTrigger>();
        var outcomes = new HashSet<(TransitionKind?, FireFailureReason?)>();
        var current = SamplePhase.Healthy;

        for (var i = 0; i < _firesPerSeed; i++)
        {
            // Like a controller restart: now and then the state comes from somewhere else than the last fire.
            if (random.Next(20) == 0)
            {
                current = machine.States[random.Next(machine.States.Count)];
            }

            var trigger = triggers[random.Next(triggers.Length)];
            var context = new SampleContext { HasCanary = random.Next(2) == 0, StepIndex = random.Next(4), StepCount = 3 };
            var canFire = machine.CanFire(current, trigger, context);
            var permitted = machine.PermittedTriggers(current, context);

            var result = machine.TryFire(current, trigger, context);

            Assert.Equal(canFire, result.Succeeded);
            if (!result.Succeeded)
            {
                outcomes.Add((null, result.Failure.Reason));
                Assert.Empty(context.Events);
                Assert.DoesNotContain(trigger, permitted);
                Assert.Equal(
                    result.Failure.Reason == FireFailureReason.TriggerNotConfigured,
                    machine.Description.Transitions.All(t => !t.Source.Equals(current) || !t.Trigger.Equals(trigger)));
                continue;
            }

            var transition = result.Transition;
            outcomes.Add((transition.Kind, null));
            Assert.Equal(current, transition.Source);
            Assert.Equal(trigger, transition.Trigger);
            Assert.Contains(transition.Destination, machine.States);
            Assert.Contains(
                machine.Description.Transitions,
                t => t.Source.Equals(current) && t.Trigger.Equals(trigger) && t.Kind == transition.Kind && t.Destination.Equals(transition.Destination));
            Assert.Equal(transition.Kind != TransitionKind.Ignored, permitted.Contains(trigger));
            Assert.Equal([.. transition.ExitActions, .. transition.EntryActions], context.Events);
            switch (transition.Kind)
            {
                case TransitionKind.Ignored:
                    Assert.Equal(current, transition.Destination);
                    Assert.Empty(context.Events);
                    break;
                case TransitionKind.Reentry:
                    Assert.Equal(current, transition.Destination);
                    Assert.Equal([$"exit {current}", $"enter {current}"], context.Events);
                    break;
                default:
                    Assert.NotEqual(current, transition.Destination);
                    Assert.Equal([$"exit {current}", $"enter {transition.Destination}"], context.Events);
                    break;
            }

            current = transition.Destination;
        }

        // The walk must have taken every path, or the invariants above were not all exercised.
        Assert.Equal(
            [
                (TransitionKind.Permitted, null),
                (TransitionKind.Reentry, null),
                (TransitionKind.Ignored, null),
                (null, FireFailureReason.TriggerNotConfigured),
                (null, FireFailureReason.NoGuardPassed),
            ],
            outcomes.OrderBy(outcome => outcome.Item1 is { } kind ? (int)kind : 10 + (int)outcome.Item2!));
    }

    // Shaped like the sample, but every state journals its entry and exit, so the test sees exactly which actions ran.
    private static StateMachine<SamplePhase, SampleTrigger, SampleContext> JournalingMachine()
    {
        var builder = new StateMachineBuilder<SamplePhase, SampleTrigger, SampleContext>().InitialState(SamplePhase.Healthy);
        Journaled(builder, SamplePhase.Healthy)
            .Permit(SampleTrigger.TemplateChanged, SamplePhase.Progressing)
            .Ignore(SampleTrigger.Abort);
        Journaled(builder, SamplePhase.Progressing)
            .PermitReentryIf(SampleTrigger.StepCompleted, c => c.StepIndex + 1 < c.StepCount, "steps remain")
            .Permit(SampleTrigger.StepCompleted, SamplePhase.Healthy)
            .Permit(SampleTrigger.PauseReached, SamplePhase.Paused)
            .PermitIf(SampleTrigger.Abort, SamplePhase.Degraded, c => c.HasCanary, "a canary is in flight")
            .Ignore(SampleTrigger.Abort)
            .PermitReentry(SampleTrigger.TemplateChanged);
        Journaled(builder, SamplePhase.Paused)
            .Permit(SampleTrigger.Promote, SamplePhase.Progressing)
            .PermitIf(SampleTrigger.Abort, SamplePhase.Degraded, c => c.HasCanary, "a canary is in flight");
        Journaled(builder, SamplePhase.Degraded)
            .Permit(SampleTrigger.Retry, SamplePhase.Progressing)
            .IgnoreIf(SampleTrigger.TemplateChanged, c => c.StepIndex == 0, "the template was rejected")
            .Permit(SampleTrigger.TemplateChanged, SamplePhase.Progressing)
            .Ignore(SampleTrigger.Abort);
        return builder.Build();
    }

    private static StateConfiguration<SamplePhase, SampleTrigger, SampleContext> Journaled(
        StateMachineBuilder<SamplePhase, SampleTrigger, SampleContext> builder, SamplePhase state) =>
        builder.Configure(state)
            .OnExit(c => c.Emit($"exit {state}"), $"exit {state}")
            .OnEntry(c => c.Emit($"enter {state}"), $"enter {state}");
}
