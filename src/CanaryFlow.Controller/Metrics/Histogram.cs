namespace CanaryFlow.Controller.Metrics;

/// <summary>A Prometheus histogram with fixed buckets.</summary>
public sealed class Histogram : MetricFamily<HistogramSeries>
{
    /// <summary>Prometheus' default buckets, in seconds: a request or reconcile taking 5 ms to 10 s.</summary>
    public static IReadOnlyList<double> DefaultBuckets { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly double[] _upperBounds;
    private readonly string[] _upperBoundLabels;

    internal Histogram(string name, string help, double[] upperBounds, string[] labelNames, int maxSeries, Func<string, CounterSeries>? foldedObservationsOf)
        : base(name, help, labelNames, maxSeries, foldedObservationsOf)
    {
        _upperBounds = upperBounds;
        _upperBoundLabels = [.. upperBounds.Select(ExpositionFormat.FormatValue), "+Inf"];
        CreateUnlabeledSeries();
    }

    /// <summary>The finite bucket bounds, ascending (+Inf is implied).</summary>
    public IReadOnlyList<double> UpperBounds => _upperBounds;

    private protected override string TypeName => "histogram";

    /// <summary>Records a value in a histogram without labels.</summary>
    public void Observe(double value) => Unlabeled.Observe(value);

    /// <summary>Checks bucket bounds: at least one, strictly ascending, no NaN; a trailing +Inf is implied and dropped.</summary>
    internal static double[] ValidateBuckets(IReadOnlyList<double> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var bounds = buckets.ToList();
        if (bounds.Count > 0 && double.IsPositiveInfinity(bounds[^1]))
        {
            bounds.RemoveAt(bounds.Count - 1);
        }

        if (bounds.Count == 0)
        {
            throw new ArgumentException("A histogram needs at least one finite bucket", nameof(buckets));
        }

        for (var i = 0; i < bounds.Count; i++)
        {
            if (double.IsNaN(bounds[i]) || double.IsInfinity(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
            {
                throw new ArgumentException("Histogram buckets must be finite and strictly ascending", nameof(buckets));
            }
        }

        return [.. bounds];
    }

    private protected override HistogramSeries CreateSeries(CounterSeries? foldedObservations) => new(_upperBounds, foldedObservations);

    private protected override void WriteSeries(TextWriter writer, string[] labelValues, HistogramSeries series)
    {
        // Sum is read first: an observation racing the scrape then shows in the counts at worst, never only in the sum.
        var sum = series.Sum;
        var cumulative = series.CumulativeCounts();
        var bucketName = Name + "_bucket";
        for (var i = 0; i < cumulative.Length; i++)
        {
            ExpositionFormat.WriteSample(writer, bucketName, LabelNames, labelValues, cumulative[i], "le", _upperBoundLabels[i]);
        }

        ExpositionFormat.WriteSample(writer, Name + "_sum", LabelNames, labelValues, sum);
        ExpositionFormat.WriteSample(writer, Name + "_count", LabelNames, labelValues, cumulative[^1]);
    }
}
