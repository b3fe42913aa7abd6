using CanaryFlow.Core.Git;

namespace CanaryFlow.Core.Tests.Git;

public sealed class RevertReasonTests
{
    [Fact]
    public void A_failed_analysis_reason_yields_the_metric_value_and_condition()
    {
        const string abortReason = "analysis api-7c9f-3-1 failed: metric success-rate: 0.61 (successCondition result[0] >= 0.95 is false); 1 failed measurements, limit 0";

        var reason = RevertReason.FromAbortReason(abortReason);

        Assert.Equal("success-rate", reason.Metric);
        Assert.Equal("0.61", reason.Value);
        Assert.Equal("successCondition result[0] >= 0.95 is false", reason.Condition);
        Assert.Equal("analysis api-7c9f-3-1 failed; 1 failed measurements, limit 0", reason.Message);
        Assert.Equal(
            "Analysis metric success-rate failed: measured 0.61 against successCondition result[0] >= 0.95 is false (analysis api-7c9f-3-1 failed; 1 failed measurements, limit 0).",
            reason.Describe());
    }

    [Fact]
    public void A_failure_condition_with_a_vector_value_is_recognised()
    {
        var reason = RevertReason.FromAbortReason("background analysis api-bg failed: metric p99-latency: [0.9, 1.2] (failureCondition result[0] > 0.5 is true); 2 failed measurements, limit 1");

        Assert.Equal("p99-latency", reason.Metric);
        Assert.Equal("[0.9, 1.2]", reason.Value);
        Assert.Equal("failureCondition result[0] > 0.5 is true", reason.Condition);
    }

    [Theory]
    [InlineData("aborted by user", "The canary was aborted by user.")]
    [InlineData("progress deadline of 10m exceeded", "The canary was aborted: progress deadline of 10m exceeded.")]
    public void Other_reasons_are_kept_as_they_are(string abortReason, string described)
    {
        var reason = RevertReason.FromAbortReason(abortReason);

        Assert.Null(reason.Metric);
        Assert.Equal(described, reason.Describe());
    }
}
