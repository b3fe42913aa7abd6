using System.Text.Json.Nodes;

namespace CanaryFlow.Controller.Tests.Examples;

/// <summary>
/// The Argo CD health check of examples/argocd run by a real Lua 5.1 against Rollouts in each state the controller
/// reports (the fields of crds/rollout.yaml's status), one case per row of the table in examples/README.md.
/// </summary>
public sealed class ArgoCdHealthCheckTests
{
    public static TheoryData<string, string, string, string> Cases() => new()
    {
        { "no status yet", "null", "Progressing", "Waiting for the CanaryFlow controller to report a status" },
        { "spec not observed yet", """{"observedGeneration": 1, "phase": "Healthy"}""", "Progressing", "Waiting for the CanaryFlow controller to observe the new spec" },
        { "healthy", """{"observedGeneration": 2, "phase": "Healthy", "message": "v2 serves all traffic"}""", "Healthy", "v2 serves all traffic" },
        { "healthy without message", """{"observedGeneration": 2, "phase": "Healthy"}""", "Healthy", "The stable version serves all traffic" },
        { "progressing", """{"observedGeneration": 2, "phase": "Progressing", "currentStepIndex": 0, "message": "setting weight 20"}""", "Progressing", "setting weight 20" },
        { "pause step", """{"observedGeneration": 2, "phase": "Paused", "pauseConditions": [{"reason": "CanaryPauseStep", "startTime": "2026-01-01T00:00:00Z"}]}""", "Suspended", "Paused: CanaryPauseStep" },
        { "manual and inconclusive pause", """{"observedGeneration": 2, "phase": "Paused", "pauseConditions": [{"reason": "UserPause"}, {"reason": "AnalysisInconclusive"}]}""", "Suspended", "Paused: UserPause, AnalysisInconclusive" },
        { "paused with message", """{"observedGeneration": 2, "phase": "Paused", "message": "waiting for promote", "pauseConditions": [{"reason": "CanaryPauseStep"}]}""", "Suspended", "waiting for promote" },
        { "aborted", """{"observedGeneration": 2, "phase": "Degraded", "abort": true, "message": "Aborted: metric success-rate failed"}""", "Degraded", "Aborted: metric success-rate failed" },
        { "aborted, only the reason", """{"observedGeneration": 2, "phase": "Degraded", "abort": true, "abortReason": "by user"}""", "Degraded", "by user" },
        { "invalid spec", """{"observedGeneration": 2, "phase": "Degraded", "conditions": [{"type": "Ready", "status": "False"}, {"type": "InvalidSpec", "status": "True", "message": "spec.selector: Required value"}]}""", "Degraded", "spec.selector: Required value" },
        { "invalid spec fixed", """{"observedGeneration": 2, "phase": "Healthy", "conditions": [{"type": "InvalidSpec", "status": "False", "message": "fixed"}]}""", "Healthy", "The stable version serves all traffic" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_health_of_a_Rollout_is_read_from_its_status(string state, string status, string health, string message)
    {
        var rollout = new JsonObject
        {
            ["apiVersion"] = "canaryflow.io/v1alpha1",
            ["kind"] = "Rollout",
            ["metadata"] = new JsonObject { ["name"] = "storefront", ["namespace"] = "storefront", ["generation"] = 2 },
            ["spec"] = new JsonObject { ["replicas"] = 2 },
        };
        if (JsonNode.Parse(status) is { } parsed)
        {
            rollout["status"] = parsed;
        }

        var (actualHealth, actualMessage) = await ArgoCdHealthScript.EvaluateAsync(rollout);

        Assert.True((health, message) == (actualHealth, actualMessage), $"{state}: expected {health} \"{message}\", got {actualHealth} \"{actualMessage}\"");
    }

    [Fact]
    public void The_script_uses_nothing_outside_Argo_CDs_sandbox()
    {
        var source = ArgoCdHealthScript.Source();

        foreach (var forbidden in new[] { "io.", "os.", "require", "dofile", "loadfile", "loadstring" })
        {
            Assert.DoesNotContain(forbidden, source, StringComparison.Ordinal);
        }

        Assert.StartsWith("local hs = {}", source, StringComparison.Ordinal);
        Assert.EndsWith("return hs\n", source, StringComparison.Ordinal);
    }
}
