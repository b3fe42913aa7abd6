using CanaryFlow.Controller.Metrics;

namespace CanaryFlow.Controller.Tests.Metrics;

public sealed class ExpositionTests
{
    [Fact]
    public void A_small_registry_renders_exactly_in_text_format_0_0_4()
    {
        var registry = new MetricRegistry();
        var requests = registry.CreateCounter("http_requests_total", "Requests by method and path.", ["method", "path"]);
        var temperature = registry.CreateGauge("room_temperature_celsius", "Temperature with a \\ backslash\nand a second line.");
        var latency = registry.CreateHistogram("request_duration_seconds", "Request latency.", [0.1, 1, 2.5], ["handler"]);
        registry.CreateCounter("never_used_total", "A labelled metric with no series yet is left out.", ["reason"]);

        requests.WithLabels("GET", "/api").Inc();
        requests.WithLabels("GET", "/api").Inc(2);
        requests.WithLabels("POST", "C:\\dir \"quoted\"\nnext").Inc();
        temperature.Set(-3.25);
        latency.WithLabels("rollouts").Observe(0.05);
        latency.WithLabels("rollouts").Observe(0.1);
        latency.WithLabels("rollouts").Observe(2);
        latency.WithLabels("rollouts").Observe(7);

        const string expected = """
            # HELP http_requests_total Requests by method and path.
            # TYPE http_requests_total counter
            http_requests_total{method="GET",path="/api"} 3
            http_requests_total{method="POST",path="C:\\dir \"quoted\"\nnext"} 1
            # HELP room_temperature_celsius Temperature with a \\ backslash\nand a second line.
            # TYPE room_temperature_celsius gauge
            room_temperature_celsius -3.25
            # HELP request_duration_seconds Request latency.
            # TYPE request_duration_seconds histogram
            request_duration_seconds_bucket{handler="rollouts",le="0.1"} 2
            request_duration_seconds_bucket{handler="rollouts",le="1"} 2
            request_duration_seconds_bucket{handler="rollouts",le="2.5"} 3
            request_duration_seconds_bucket{handler="rollouts",le="+Inf"} 4
            request_duration_seconds_sum{handler="rollouts"} 9.15
            request_duration_seconds_count{handler="rollouts"} 4

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), registry.Render());
    }

    [Fact]
    public void Metrics_without_labels_are_exposed_as_zero_before_their_first_update()
    {
        var registry = new MetricRegistry();
        registry.CreateCounter("restarts_total", "Restarts.");
        registry.CreateHistogram("wait_seconds", "Waits.", [1]);

        Assert.Equal(
            """
            # HELP restarts_total Restarts.
            # TYPE restarts_total counter
            restarts_total 0
            # HELP wait_seconds Waits.
            # TYPE wait_seconds histogram
            wait_seconds_bucket{le="1"} 0
            wait_seconds_bucket{le="+Inf"} 0
            wait_seconds_sum 0
            wait_seconds_count 0

            """.ReplaceLineEndings("\n"),
            registry.Render());
    }

    [Fact]
    public void Series_are_sorted_by_label_values_so_scrapes_are_stable()
    {
        var registry = new MetricRegistry();
        var phases = registry.CreateGauge("rollouts", "By phase.", ["phase"]);
        phases.WithLabels("Progressing").Set(1);
        phases.WithLabels("Degraded").Set(2);
        phases.WithLabels("Healthy").Set(3);

        var samples = registry.Render().Split('\n').Where(line => line.StartsWith("rollouts{", StringComparison.Ordinal));

        Assert.Equal(["rollouts{phase=\"Degraded\"} 2", "rollouts{phase=\"Healthy\"} 3", "rollouts{phase=\"Progressing\"} 1"], samples);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(42, "42")]
    [InlineData(0.005, "0.005")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(1.5e300, "1.5E+300")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Values_are_written_in_a_form_Prometheus_parses_back_exactly(double value, string expected)
    {
        var text = ExpositionFormat.FormatValue(value);

        Assert.Equal(expected, text);
        if (double.IsFinite(value))
        {
            Assert.Equal(value, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Histogram_buckets_count_values_up_to_and_including_their_bound()
    {
        var registry = new MetricRegistry();
        var histogram = registry.CreateHistogram("h", "h", [1, 2, double.PositiveInfinity]);

        histogram.Observe(1);
        histogram.Observe(1.0000001);
        histogram.Observe(2);
        histogram.Observe(-5);
        histogram.Observe(double.NaN);

        var text = registry.Render();
        Assert.Contains("h_bucket{le=\"1\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("h_bucket{le=\"2\"} 4\n", text, StringComparison.Ordinal);
        Assert.Contains("h_bucket{le=\"+Inf\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("h_count 5\n", text, StringComparison.Ordinal);
        Assert.Contains("h_sum NaN\n", text, StringComparison.Ordinal);
        Assert.Equal(2, histogram.UpperBounds.Count);
    }

    [Fact]
    public void Collectors_run_before_every_exposition()
    {
        var registry = new MetricRegistry();
        var depth = registry.CreateGauge("depth", "Depth.");
        var reads = 0;
        registry.AddCollector(() => depth.Set(++reads * 10));

        Assert.Contains("depth 10\n", registry.Render(), StringComparison.Ordinal);
        Assert.Contains("depth 20\n", registry.Render(), StringComparison.Ordinal);
    }
}
