using CanaryFlow.Controller.Metrics;

namespace CanaryFlow.Controller.Tests.Metrics;

public sealed class CardinalityTests
{
    [Fact]
    public void Combinations_past_the_limit_fold_into_one_other_series_and_are_counted()
    {
        var registry = new MetricRegistry();
        var requests = registry.CreateCounter("requests_total", "help", ["verb", "code"], maxSeries: 2);

        requests.WithLabels("get", "200").Inc();
        requests.WithLabels("list", "200").Inc();
        requests.WithLabels("watch", "200").Inc(3);
        requests.WithLabels("patch", "409").Inc();
        requests.WithLabels("get", "200").Inc();

        Assert.Equal(3, requests.SeriesCount);
        Assert.Same(requests.WithLabels("watch", "200"), requests.WithLabels("other", "other"));
        Assert.Equal(
            """
            # HELP requests_total help
            # TYPE requests_total counter
            requests_total{verb="get",code="200"} 2
            requests_total{verb="list",code="200"} 1
            requests_total{verb="other",code="other"} 4
            # HELP canaryflow_metric_folded_observations_total Observations recorded on a series with label values "other" because their metric reached its limit of label combinations.
            # TYPE canaryflow_metric_folded_observations_total counter
            canaryflow_metric_folded_observations_total{metric="requests_total"} 2

            """.ReplaceLineEndings("\n"),
            registry.Render());
    }

    [Fact]
    public void Unbounded_label_values_cost_bounded_series()
    {
        var registry = new MetricRegistry();
        var histogram = registry.CreateHistogram("latency_seconds", "help", [1], ["path"], maxSeries: 10);
        var gauge = registry.CreateGauge("items", "help", ["owner"], maxSeries: 10);

        for (var i = 0; i < 10_000; i++)
        {
            histogram.WithLabels($"/objects/{i}").Observe(0.5);
            gauge.WithLabels($"user-{i}").Set(i);
        }

        Assert.Equal(11, histogram.SeriesCount);
        Assert.Equal(11, gauge.SeriesCount);
        Assert.Equal(9_990, histogram.WithLabels("other").Count);
        var text = registry.Render();
        Assert.Contains("canaryflow_metric_folded_observations_total{metric=\"latency_seconds\"} 9990\n", text, StringComparison.Ordinal);
        Assert.Contains("canaryflow_metric_folded_observations_total{metric=\"items\"} 9990\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Series_created_from_many_threads_at_once_respect_the_limit_and_lose_no_increment()
    {
        var registry = new MetricRegistry();
        var counter = registry.CreateCounter("c_total", "help", ["key"], maxSeries: 50);

        Parallel.For(0, 8, thread =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                counter.WithLabels($"k{(i + thread) % 200}").Inc();
            }
        });

        Assert.Equal(51, counter.SeriesCount);
        var total = Enumerable.Range(0, 200).Select(i => $"k{i}")
            .Select(key => counter.WithLabels(key)).Distinct().Sum(series => series.Value);
        Assert.Equal(80_000, total);
    }
}
