using CanaryFlow.Controller.Analysis.Prometheus;
using CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

namespace CanaryFlow.Controller.Tests.Analysis.Prometheus;

/// <summary>
/// The fixture other tests (end-to-end ones included) build on: traffic set at runtime shows in PromQL, the wait
/// helper reports what it last saw, a restart keeps the address and the data, and a missing binary fails clearly.
/// </summary>
[Collection(PrometheusCollection.Name)]
public sealed class PrometheusFixtureTests(PrometheusFixture prometheus)
{
    [Fact]
    public async Task The_request_rate_set_per_version_is_the_rate_prometheus_computes()
    {
        try
        {
            prometheus.Workload.SetRequestRate("canary", 40);

            var rate = await prometheus.WaitForValueAsync(WorkloadApp.RequestRateQuery("canary"), v => Math.Abs(v - 40) < 0.01);

            Assert.Equal(40, rate, 1);
        }
        finally
        {
            prometheus.Workload.SetRequestRate("canary", RequestCounters.DefaultRequestsPerSecond);
        }
    }

    [Fact]
    public async Task A_version_first_named_at_runtime_is_scraped_with_its_error_ratio_and_can_be_removed()
    {
        const string version = "7d9f8c6b5";
        try
        {
            prometheus.Workload.SetErrorRatio(version, 1);

            Assert.Equal(1, await prometheus.WaitForValueAsync(WorkloadApp.ErrorRatioQuery(version), v => v == 1));
            Assert.Equal(0, await prometheus.WaitForValueAsync(WorkloadApp.ErrorRatioQuery("stable"), v => v == 0));
        }
        finally
        {
            Assert.True(prometheus.Workload.Counters.RemoveVersion(version));
        }

        await prometheus.Prometheus.WaitForResultAsync($"http_requests_total{{version=\"{version}\"}}", r => r.IsEmpty);
        Assert.Equal(RequestCounters.InitialVersions, prometheus.Workload.Counters.Versions);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("quote\"d")]
    [InlineData("")]
    public void A_version_that_would_need_escaping_is_refused(string version) =>
        Assert.Throws<ArgumentException>(() => prometheus.Workload.SetErrorRatio(version, 0.5));

    [Fact]
    public async Task The_wait_helper_fails_with_the_last_answer_it_saw()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(() => prometheus.WaitForValueAsync("vector(1)", v => v == 2, TimeSpan.FromMilliseconds(300)));

        Assert.StartsWith("vector(1) did not meet the condition within 00:00:00.3000000; last answer: vector of 1: [{} 1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restart_keeps_the_address_and_the_data_and_scrapes_again()
    {
        var address = prometheus.Address;
        var before = await prometheus.WaitForValueAsync("sum(http_requests_total{version=\"stable\"})", v => v > 0);
        var restarted = DateTimeOffset.UtcNow;

        await prometheus.RestartPrometheusAsync();

        Assert.Equal(address, prometheus.Address);
        Assert.True(prometheus.Prometheus.IsRunning);
        var history = await prometheus.CreateClient().QueryAsync(
            new PrometheusQuery($"sum(max_over_time(http_requests_total{{version=\"stable\"}}[1h]))") { Time = restarted },
            CancellationToken.None);
        var kept = Assert.Single(history.Samples).Value;
        Assert.True(kept >= before, $"samples scraped before the restart are still there: {kept} at the restart, {before} before it");
        await prometheus.WaitForValueAsync("sum(http_requests_total{version=\"stable\"})", v => v > before);
    }

    [Fact]
    public void A_missing_binary_fails_with_how_to_install_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PrometheusBinary.Locate(null, "/nonexistent/bin", "/nonexistent/usr/bin/prometheus"));

        Assert.Contains("The prometheus binary is not installed", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y --no-install-recommends prometheus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_binary_that_does_not_exist_fails_naming_the_variable()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PrometheusBinary.Locate("/nonexistent/prometheus", null, PrometheusBinary.DebianPath));

        Assert.Equal("PROMETHEUS_BINARY=/nonexistent/prometheus does not exist: point it at a prometheus 2.x binary or unset it.", error.Message);
    }
}
