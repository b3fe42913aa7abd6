namespace CanaryFlow.Controller.Metrics;

/// <summary>A Prometheus counter; by convention its name ends in <c>_total</c>.</summary>
public sealed class Counter : MetricFamily<CounterSeries>
{
    internal Counter(string name, string help, string[] labelNames, int maxSeries, Func<string, CounterSeries>? foldedObservationsOf)
        : base(name, help, labelNames, maxSeries, foldedObservationsOf) => CreateUnlabeledSeries();

    private protected override string TypeName => "counter";

    /// <summary>The value of a counter without labels.</summary>
    public double Value => Unlabeled.Value;

    /// <summary>Adds to a counter without labels.</summary>
    public void Inc(double amount = 1) => Unlabeled.Inc(amount);

    private protected override CounterSeries CreateSeries(CounterSeries? foldedObservations) => new(foldedObservations);

    private protected override void WriteSeries(TextWriter writer, string[] labelValues, CounterSeries series) =>
        ExpositionFormat.WriteSample(writer, Name, LabelNames, labelValues, series.Value);
}
