using CanaryFlow.Core.StateMachines;

namespace CanaryFlow.Core.Tests.StateMachines;

public class MermaidStateDiagramTests
{
    [Fact]
    public void The_sample_machine_renders_as_the_expected_diagram()
    {
        const string expected = """
            stateDiagram-v2
                [*] --> Healthy
                Healthy : entry / emit RolloutCompleted
                Healthy : ignores Abort
                Healthy --> Progressing : TemplateChanged
                Progressing : entry / set the step index
                Progressing : entry / emit RolloutUpdated or RolloutStepCompleted
                Progressing : exit / emit StepLeft
                Progressing : ignores Abort [else]
                Progressing --> Progressing : StepCompleted [steps remain]
                Progressing --> Healthy : StepCompleted [else]
                Progressing --> Paused : PauseReached
                Progressing --> Degraded : Abort [a canary is in flight]
                Progressing --> Progressing : TemplateChanged
                Paused : entry / emit RolloutPaused
                Paused --> Progressing : Promote
                Paused --> Degraded : Abort [a canary is in flight]
                Degraded : entry / scale the canary down
                Degraded : entry / emit RolloutAborted
                Degraded : ignores Abort
                Degraded --> Progressing : Retry
                Degraded --> Progressing : TemplateChanged

            """;

        Assert.Equal(expected.ReplaceLineEndings("\n"), SampleMachine.Build().ToMermaid());
    }

    [Fact]
    public void A_state_with_nothing_to_draw_is_still_declared_and_there_is_no_start_without_an_initial_state()
    {
        var machine = new StateMachineBuilder<SamplePhase, SampleTrigger, SampleContext>()
            .Configure(SamplePhase.Progressing)
                .IgnoreIf(SampleTrigger.Abort, c => !c.HasCanary, "no canary")
                .Permit(SampleTrigger.Abort, SamplePhase.Degraded)
            .Configure(SamplePhase.Degraded)
            .Build();

        Assert.Equal(
            "stateDiagram-v2\n"
            + "    Progressing : ignores Abort [no canary]\n"
            + "    Progressing --> Degraded : Abort [else]\n"
            + "    Degraded\n",
            machine.ToMermaid());
    }

    [Fact]
    public void Rendering_is_deterministic_and_follows_configuration_order()
    {
        var first = SampleMachine.Build().ToMermaid();
        var second = SampleMachine.Build().ToMermaid();
        var reordered = new StateMachineBuilder<SamplePhase, SampleTrigger, SampleContext>()
            .Configure(SamplePhase.Degraded)
            .Configure(SamplePhase.Healthy)
                .Permit(SampleTrigger.Abort, SamplePhase.Degraded)
            .Build()
            .ToMermaid();

        Assert.Equal(first, second);
        Assert.Equal("stateDiagram-v2\n    Degraded\n    Healthy --> Degraded : Abort\n", reordered);
        Assert.Equal(MermaidStateDiagram.Render(SampleMachine.Build().Description), first);
    }

    [Fact]
    public void Characters_that_are_mermaid_syntax_are_written_as_entity_codes()
    {
        var machine = new StateMachineBuilder<SamplePhase, SampleTrigger, SampleContext>()
            .Configure(SamplePhase.Progressing)
                .OnEntry(_ => { }, "weight <= 50%; step #2")
                .PermitIf(SampleTrigger.Abort, SamplePhase.Degraded, _ => true, "errors > 1; see #incident")
            .Configure(SamplePhase.Degraded)
            .Build();

        Assert.Equal(
            "stateDiagram-v2\n"
            + "    Progressing : entry / weight #60;= 50%#59; step #35;2\n"
            + "    Progressing --> Degraded : Abort [errors #62; 1#59; see #35;incident]\n"
            + "    Degraded\n",
            machine.ToMermaid());
        Assert.Equal("errors > 1; see #incident", machine.Description.Transitions[0].Guard);
    }
}
