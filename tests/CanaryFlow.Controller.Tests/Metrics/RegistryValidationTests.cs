using CanaryFlow.Controller.Metrics;

namespace CanaryFlow.Controller.Tests.Metrics;

public sealed class RegistryValidationTests
{
    private readonly MetricRegistry _registry = new();

    [Theory]
    [InlineData("")]
    [InlineData("1st_metric")]
    [InlineData("has-dash")]
    [InlineData("has space")]
    [InlineData("émoji")]
    public void Invalid_metric_names_are_rejected(string name) =>
        Assert.Throws<ArgumentException>(() => _registry.CreateCounter(name, "help"));

    [Fact]
    public void Valid_metric_names_include_colons_and_underscores() =>
        _registry.CreateGauge("job:rollouts:sum_by_phase", "help");

    [Theory]
    [InlineData("__reserved")]
    [InlineData("has:colon")]
    [InlineData("9lives")]
    [InlineData("")]
    public void Invalid_label_names_are_rejected(string label) =>
        Assert.Throws<ArgumentException>(() => _registry.CreateCounter("c_total", "help", [label]));

    [Fact]
    public void A_label_name_given_twice_is_rejected() =>
        Assert.Throws<ArgumentException>(() => _registry.CreateCounter("c_total", "help", ["verb", "verb"]));

    [Fact]
    public void A_histogram_cannot_have_an_le_label() =>
        Assert.Throws<ArgumentException>(() => _registry.CreateHistogram("h", "help", [1], ["le"]));

    [Fact]
    public void Names_are_unique_including_the_samples_a_histogram_exposes()
    {
        _registry.CreateHistogram("wait_seconds", "help", [1]);

        Assert.Throws<ArgumentException>(() => _registry.CreateGauge("wait_seconds", "help"));
        Assert.Throws<ArgumentException>(() => _registry.CreateCounter("wait_seconds_count", "help"));
        Assert.Throws<ArgumentException>(() => _registry.CreateCounter(MetricRegistry.FoldedObservationsName, "help"));
    }

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 1.0, 1.0 })]
    [InlineData(new[] { 2.0, 1.0 })]
    [InlineData(new[] { 1.0, double.NaN })]
    [InlineData(new[] { double.NegativeInfinity, 1.0 })]
    public void Histogram_buckets_must_be_finite_and_strictly_ascending(double[] buckets) =>
        Assert.Throws<ArgumentException>(() => _registry.CreateHistogram("h", "help", buckets));

    [Fact]
    public void The_number_of_label_values_must_match_the_label_names()
    {
        var counter = _registry.CreateCounter("c_total", "help", ["verb", "code"]);

        Assert.Throws<ArgumentException>(() => counter.WithLabels("get"));
        Assert.Throws<ArgumentException>(() => counter.WithLabels("get", "200", "extra"));
        Assert.Throws<ArgumentNullException>(() => counter.WithLabels("get", null!));
        Assert.Throws<InvalidOperationException>(() => counter.Inc());
    }

    [Fact]
    public void A_counter_never_goes_down()
    {
        var counter = _registry.CreateCounter("c_total", "help");

        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Inc(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Inc(double.NaN));
        counter.Inc(5);
        counter.WithLabels().IncTo(3);
        Assert.Equal(5, counter.Value);
        counter.WithLabels().IncTo(8);
        Assert.Equal(8, counter.Value);
    }

    [Fact]
    public void A_gauge_goes_up_and_down()
    {
        var gauge = _registry.CreateGauge("g", "help");

        gauge.Inc();
        gauge.Inc(4);
        gauge.Dec(2);
        Assert.Equal(3, gauge.Value);
        gauge.Set(-7);
        Assert.Equal(-7, gauge.Value);
    }
}
