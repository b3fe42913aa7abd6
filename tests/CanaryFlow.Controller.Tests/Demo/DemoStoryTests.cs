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
    public async Task V1_goes_live_v2_is_promoted_through_its_steps_and_v3_is_aborted_with_traffic_back_on_v2(DemoMetricsSource metrics)
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
            ["v1 Healthy", "v2 promoted", "v3 aborted", "traffic on stable"],
            report.Stages.Take(4).Select(s => s.Succeeded ? s.Name : s.Name + " FAILED: " + s.Detail));
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

        var story = transcript.ToString();
        Assert.Contains($"CI committed {report.V2Commit![..7]} \"storefront: release v2\"", story, StringComparison.Ordinal);
        Assert.Contains($"CI committed {report.V3Commit![..7]} \"storefront: release v3\"", story, StringComparison.Ordinal);
        Assert.Contains("Sync: applied", story, StringComparison.Ordinal);
        Assert.Contains("analysis success-rate:", story, StringComparison.Ordinal);
    }
}
