using CanaryFlow.Controller.Metrics;

namespace CanaryFlow.Controller.Tests.Metrics;

public sealed class ConcurrencyTests
{
    private const int _threads = 8;
    private const int _perThread = 100_000;

    [Fact]
    public void Parallel_counter_increments_sum_exactly()
    {
        var counter = new MetricRegistry().CreateCounter("c_total", "help", ["verb"]);
        var series = counter.WithLabels("get");

        Parallel.For(0, _threads, _ =>
        {
            for (var i = 0; i < _perThread; i++)
            {
                series.Inc();
            }
        });

        Assert.Equal(_threads * _perThread, series.Value);
    }

    [Fact]
    public void Parallel_gauge_changes_balance_out()
    {
        var gauge = new MetricRegistry().CreateGauge("g", "help");

        Parallel.For(0, _threads, thread =>
        {
            for (var i = 0; i < _perThread; i++)
            {
                if (thread % 2 == 0)
                {
                    gauge.Inc(2);
                }
                else
                {
                    gauge.Dec();
                }
            }
        });

        Assert.Equal(_threads / 2 * _perThread, gauge.Value);
    }

    [Fact]
    public void Parallel_histogram_observations_keep_count_sum_and_buckets_consistent()
    {
        var histogram = new MetricRegistry().CreateHistogram("h", "help", [1, 10]);

        Parallel.For(0, _threads, _ =>
        {
            for (var i = 0; i < _perThread; i++)
            {
                histogram.Observe(i % 2 == 0 ? 0.5 : 5);
            }
        });

        var series = histogram.WithLabels();
        Assert.Equal(_threads * _perThread, series.Count);
        Assert.Equal(_threads * _perThread / 2 * 5.5, series.Sum);
        Assert.Equal([_threads * _perThread / 2, _threads * _perThread, _threads * _perThread], series.CumulativeCounts());
    }

    [Fact]
    public async Task Scraping_while_recording_always_shows_a_consistent_histogram()
    {
        var registry = new MetricRegistry();
        var histogram = registry.CreateHistogram("h", "help", [1]);
        using var stop = new CancellationTokenSource();
        var recorder = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                histogram.Observe(0.5);
            }
        });

        for (var scrape = 0; scrape < 200; scrape++)
        {
            var lines = registry.Render().Split('\n');
            var inf = Value(lines, "h_bucket{le=\"+Inf\"}");
            Assert.Equal(inf, Value(lines, "h_count"));
            Assert.True(Value(lines, "h_bucket{le=\"1\"}") <= inf);
            Assert.True(Value(lines, "h_sum") <= inf * 0.5);
        }

        await stop.CancelAsync();
        await recorder;
    }

    private static double Value(string[] lines, string series) =>
        double.Parse(lines.Single(line => line.StartsWith(series + " ", StringComparison.Ordinal))[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
