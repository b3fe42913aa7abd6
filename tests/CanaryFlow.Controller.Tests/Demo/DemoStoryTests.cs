using CanaryFlow.Controller.Demo;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace CanaryFlow.Controller.Tests.Demo;

/// <summary>
/// The README's main job, run in-process at the fast pace: LocalCluster, the CRDs, the config repo from examples/,
/// the storefront apps behind the weighted proxy, real Prometheus (or the web provider), the controller process and
/// the sync loop; the story is asserted from what the demo observed of the cluster and the traffic.
/// </summary>
public sealed class DemoStoryTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(DemoMetricsSource.Prometheus)]
    [InlineData(DemoMetricsSource.Web)]
    public async Task V1_goes_live_v2_is_promoted_v3_is_aborted_and_reverted_in_git_and_the_resync_leaves_v2_healthy(DemoMetricsSource metrics)
    {
        var transcript = new StringWriter();
        var options = new DemoOptions { Timings = DemoTimings.Fast, Metrics = metrics, KeepFilesOnFailure = false };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        DemoReport report;
        try
        {
            report = await new DemoRunner(options, transcript, NullLoggerFactory.Instance).RunAsync(timeout.Token);
        }
        finally
        {
            output.WriteLine(transcript.ToString());
        }

        Assert.Equal(metrics.ToString().ToLowerInvariant(), report.MetricsSource);
        Assert.Equal(
            ["v1 Healthy", "v2 promoted", "v3 aborted", "traffic on stable", "revert pushed", "re-synced, Healthy on v2"],
            report.Stages.Select(s => s.Succeeded ? s.Name : s.Name + " FAILED: " + s.Detail));
        Assert.True(report.Succeeded);
        Assert.Equal(3, new[] { report.V1Hash, report.V2Hash, report.V3Hash }.Where(h => !string.IsNullOrEmpty(h)).Distinct().Count());

        // v2 went through its canary steps: 20%, then 50%, then promoted.
        var weights = report.V2Weights.Where(w => w is 20 or 50).Distinct().ToList();
        Assert.Equal([20, 50], weights);

        // One analysis per release: v2's passed, v3's failed on the success rate, and that is why v3 was aborted.
        Assert.Equal(2, report.AnalysisRuns.Count);
        Assert.Equal("Successful", Assert.Single(report.AnalysisRuns, r => r.Key.Contains(report.V2Hash!, StringComparison.Ordinal)).Value);
        Assert.Equal("Failed", Assert.Single(report.AnalysisRuns, r => r.Key.Contains(report.V3Hash!, StringComparison.Ordinal)).Value);
        Assert.Contains("metric success-rate", report.AbortReason, StringComparison.Ordinal);

        // After the abort every shopper's request was answered by v2.
        var traffic = report.TrafficAfterAbort!;
        Assert.True(traffic.Requests > 0, "no requests were answered after the abort");
        Assert.Equal(1, traffic.ShareOf("v2"));
        Assert.Equal(0, traffic.Failed);

        // The controller reverted v3 in the config repo: one commit restoring the demo overlay to v2, explained and
        // traceable by its trailers; the sync loop applied it and the Rollout is Healthy on v2 again.
        Assert.NotNull(report.RevertCommit);
        Assert.Equal(report.RevertCommit, report.Final!.RevertCommit);
        Assert.Contains("apps/storefront/overlays/demo/kustomization.yaml | 2 +-", report.RevertStat, StringComparison.Ordinal);
        Assert.Contains("1 file changed, 1 insertion(+), 1 deletion(-)", report.RevertStat, StringComparison.Ordinal);
        Assert.Contains($"Revert storefront-demo/storefront to {report.V2Commit![..7]}", report.RevertStat, StringComparison.Ordinal);
        Assert.Contains("CanaryFlow-Rollout: storefront-demo/storefront", report.RevertStat, StringComparison.Ordinal);
        Assert.Contains($"CanaryFlow-Aborted-Template: {report.V3Hash}", report.RevertStat, StringComparison.Ordinal);
        Assert.Contains("Analysis metric success-rate failed", report.RevertStat, StringComparison.Ordinal);
        Assert.Contains("newTag: v2", report.RevertedKustomization, StringComparison.Ordinal);
        Assert.Equal(report.V2Hash, report.Final.StableHash);
        Assert.Equal(report.V2Hash, report.Final.CurrentHash);

        var story = transcript.ToString();
        Assert.Contains($"CI committed {report.V2Commit![..7]} \"storefront: release v2\"", story, StringComparison.Ordinal);
        Assert.Contains($"CI committed {report.V3Commit![..7]} \"storefront: release v3\"", story, StringComparison.Ordinal);
        Assert.Contains("Sync: applied", story, StringComparison.Ordinal);
        Assert.Contains("analysis success-rate:", story, StringComparison.Ordinal);
    }
}
