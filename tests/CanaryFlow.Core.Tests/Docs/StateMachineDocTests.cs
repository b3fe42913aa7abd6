using System.Text;
using CanaryFlow.Core.Rollouts;

using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Core.Tests.Docs;

/// <summary>
/// docs/state-machine.md is generated from <see cref="RolloutStateMachine"/>; this test fails when the file is stale.
/// Regenerate with: CANARYFLOW_UPDATE_DOCS=1 dotnet test tests/CanaryFlow.Core.Tests --filter StateMachineDocTests
/// </summary>
public sealed class StateMachineDocTests
{
    [Fact]
    public void The_state_machine_document_matches_the_code()
    {
        var path = RepositoryRoot.File("docs", "state-machine.md");
        var expected = Render();
        if (Environment.GetEnvironmentVariable("CANARYFLOW_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing; regenerate it (see {nameof(StateMachineDocTests)})");
        var actual = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.True(actual == expected, $"{path} is stale: run CANARYFLOW_UPDATE_DOCS=1 dotnet test tests/CanaryFlow.Core.Tests --filter {nameof(StateMachineDocTests)}");
    }

    [Fact]
    public void Every_trigger_has_a_distinct_event_reason()
    {
        var reasons = Enum.GetValues<RolloutTrigger>().Select(RolloutStateMachine.EventReason).ToList();
        Assert.Equal(reasons.Count, reasons.Distinct(StringComparer.Ordinal).Count());
        Assert.All(reasons, r => Assert.Matches("^[A-Z][A-Za-z]+$", r));
    }

    [Fact]
    public void Every_phase_handles_every_trigger()
    {
        foreach (var phase in Enum.GetValues<RolloutPhase>())
        {
            foreach (var trigger in Enum.GetValues<RolloutTrigger>())
            {
                Assert.True(RolloutStateMachine.Machine.CanFire(phase, trigger, new RolloutTransitionContext()), $"{phase} does not handle {trigger}");
            }
        }
    }

    private static string Render()
    {
        var text = new StringBuilder();
        text.Append("# The Rollout state machine\n\n");
        text.Append("Generated from `RolloutStateMachine` (src/CanaryFlow.Core/Rollouts) by `StateMachineDocTests`; do not edit by hand.\n");
        text.Append("The phase is `status.phase`; the controller rebuilds it from the status on every reconcile, so a restarted\n");
        text.Append("controller continues where the last one stopped. Every transition, reentries included, records the Event of its trigger.\n\n");
        text.Append("```mermaid\n");
        text.Append(RolloutStateMachine.Machine.ToMermaid());
        if (text[^1] != '\n')
        {
            text.Append('\n');
        }

        text.Append("```\n\n");
        text.Append("| trigger | Event type | Event reason |\n| --- | --- | --- |\n");
        foreach (var trigger in Enum.GetValues<RolloutTrigger>())
        {
            text.Append($"| {trigger} | {RolloutStateMachine.EventType(trigger)} | `{RolloutStateMachine.EventReason(trigger)}` |\n");
        }

        text.Append("\nEvents that are not transitions: `TrafficWeightUpdated` (Normal), `AnalysisRunFailed` (Warning), `RolloutRestarted` (Normal).\n");
        return text.ToString();
    }
}
