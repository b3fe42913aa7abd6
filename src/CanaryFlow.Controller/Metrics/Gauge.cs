namespace CanaryFlow.Controller.Metrics;

/// <summary>A Prometheus gauge.</summary>
public sealed class Gauge : MetricFamily<GaugeSeries>
{
    internal Gauge(string name, string help, string[] labelNames, int maxSeries, Func<string, CounterSeries>? foldedObservationsOf)
        : base(name, help, labelNames, maxSeries, foldedObservationsOf) => CreateUnlabeledSeries();

    private protected override string TypeName => "gauge";

    /// <summary>The value of a gauge without labels.</summary>
    public double Value => Unlabeled.Value;

    /// <summary>Sets a gauge without labels.</summary>
    public void Set(double value) => Unlabeled.Set(value);

    public void Inc(double amount = 1) => Unlabeled.Inc(amount);

    public void Dec(double amount = 1) => Unlabeled.Dec(amount);

    private protected override GaugeSeries CreateSeries(CounterSeries? foldedObservations) => new(foldedObservations);

    private protected override void WriteSeries(TextWriter writer, string[] labelValues, GaugeSeries series) =>
        ExpositionFormat.WriteSample(writer, Name, LabelNames, labelValues, series.Value);
}
