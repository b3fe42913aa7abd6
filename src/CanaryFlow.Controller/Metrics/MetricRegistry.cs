namespace CanaryFlow.Controller.Metrics;

/// <summary>
/// The metrics a process exposes, in the Prometheus text format. Creating metrics is rare and locked; recording on
/// them is lock-free. Every metric caps its label combinations (see <see cref="MetricFamily{TSeries}"/>), and the
/// registry counts what was folded in <see cref="FoldedObservationsName"/> (label <c>metric</c>).
/// </summary>
public sealed class MetricRegistry
{
    public const int DefaultMaxSeries = 100;

    public const string FoldedObservationsName = "canaryflow_metric_folded_observations_total";

    private readonly Lock _gate = new();
    private readonly List<IMetricFamily> _families = [];
    private readonly HashSet<string> _sampleNames = new(StringComparer.Ordinal);
    private readonly List<Action> _collectors = [];
    private readonly Counter _foldedObservations;

    public MetricRegistry()
    {
        // One series per metric of this registry, so its own limit cannot be reached; it folds nothing into itself.
        _foldedObservations = new Counter(
            FoldedObservationsName,
            $"Observations recorded on a series with label values \"{MetricFamily<CounterSeries>.FoldedLabelValue}\" because their metric reached its limit of label combinations.",
            ["metric"],
            int.MaxValue,
            foldedObservationsOf: null);
        _sampleNames.Add(FoldedObservationsName);
    }

    public Counter CreateCounter(string name, string help, IReadOnlyList<string>? labelNames = null, int maxSeries = DefaultMaxSeries)
    {
        MetricNameRules.ValidateMetricName(name);
        var labels = MetricNameRules.ValidateLabelNames(labelNames);
        return Register(new Counter(name, help, labels, maxSeries, FoldedObservationsOf), name);
    }

    public Gauge CreateGauge(string name, string help, IReadOnlyList<string>? labelNames = null, int maxSeries = DefaultMaxSeries)
    {
        MetricNameRules.ValidateMetricName(name);
        var labels = MetricNameRules.ValidateLabelNames(labelNames);
        return Register(new Gauge(name, help, labels, maxSeries, FoldedObservationsOf), name);
    }

    /// <param name="buckets">Upper bounds, strictly ascending; +Inf is implied.</param>
    public Histogram CreateHistogram(string name, string help, IReadOnlyList<double> buckets, IReadOnlyList<string>? labelNames = null, int maxSeries = DefaultMaxSeries)
    {
        MetricNameRules.ValidateMetricName(name);
        var labels = MetricNameRules.ValidateLabelNames(labelNames, "le");
        var bounds = Histogram.ValidateBuckets(buckets);
        return Register(new Histogram(name, help, bounds, labels, maxSeries, FoldedObservationsOf), name, name + "_bucket", name + "_sum", name + "_count");
    }

    /// <summary>
    /// Runs <paramref name="collect"/> before every exposition, for values that live elsewhere and are only worth
    /// reading when someone asks (a queue's depth, a component's own counters).
    /// </summary>
    public void AddCollector(Action collect)
    {
        ArgumentNullException.ThrowIfNull(collect);
        lock (_gate)
        {
            _collectors.Add(collect);
        }
    }

    /// <summary>Runs the collectors, then writes every metric in the order created, then the folded-observations counter.</summary>
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        IMetricFamily[] families;
        Action[] collectors;
        lock (_gate)
        {
            families = [.. _families];
            collectors = [.. _collectors];
        }

        foreach (var collect in collectors)
        {
            collect();
        }

        foreach (var family in families)
        {
            family.WriteTo(writer);
        }

        ((IMetricFamily)_foldedObservations).WriteTo(writer);
    }

    /// <summary>The exposition as text (see <see cref="WriteTo"/>).</summary>
    public string Render()
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        WriteTo(writer);
        return writer.ToString();
    }

    private CounterSeries FoldedObservationsOf(string metricName) => _foldedObservations.WithLabels(metricName);

    private T Register<T>(T family, params ReadOnlySpan<string> sampleNames)
        where T : IMetricFamily
    {
        lock (_gate)
        {
            foreach (var sampleName in sampleNames)
            {
                if (_sampleNames.Contains(sampleName))
                {
                    throw new ArgumentException($"A metric already exposes samples named {sampleName}", nameof(family));
                }
            }

            foreach (var sampleName in sampleNames)
            {
                _sampleNames.Add(sampleName);
            }

            _families.Add(family);
            return family;
        }
    }
}
