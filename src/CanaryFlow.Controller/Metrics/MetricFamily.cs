using System.Collections.Concurrent;

namespace CanaryFlow.Controller.Metrics;

/// <summary>
/// A metric with a fixed set of label names and one series per combination of label values, at most
/// <see cref="MaxSeries"/> of them: further combinations are folded into one series whose label values are all
/// <see cref="FoldedLabelValue"/>, and every observation recorded there is counted, so a label fed by unbounded input
/// costs a bounded amount of memory and the loss shows in the metrics themselves.
/// </summary>
public abstract class MetricFamily<TSeries> : IMetricFamily
    where TSeries : class
{
    public const string FoldedLabelValue = "other";

    private readonly ConcurrentDictionary<string[], TSeries> _series = new(LabelValuesComparer.Instance);
    private readonly ConcurrentDictionary<string[], TSeries>.AlternateLookup<ReadOnlySpan<string>> _lookup;
    private readonly Func<string, CounterSeries>? _foldedObservationsOf;
    private readonly Lock _growth = new();
    private readonly string[] _labelNames;
    private TSeries? _unlabeled;

    // Once set, an unknown combination goes here without taking the lock: the number of series never shrinks.
    private volatile TSeries? _folded;

    private protected MetricFamily(string name, string help, string[] labelNames, int maxSeries, Func<string, CounterSeries>? foldedObservationsOf)
    {
        ArgumentNullException.ThrowIfNull(help);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSeries, 1);
        Name = name;
        Help = help;
        _labelNames = labelNames;
        MaxSeries = maxSeries;
        _foldedObservationsOf = foldedObservationsOf;
        _lookup = _series.GetAlternateLookup<ReadOnlySpan<string>>();
    }

    public string Name { get; }

    public string Help { get; }

    public IReadOnlyList<string> LabelNames => _labelNames;

    /// <summary>Distinct label-value combinations kept apart; the folded series comes on top.</summary>
    public int MaxSeries { get; }

    /// <summary>Series so far, the folded one included.</summary>
    public int SeriesCount => _series.Count;

    private protected abstract string TypeName { get; }

    /// <summary>The series for <paramref name="labelValues"/>, one per label name in order; allocates nothing once it exists.</summary>
    /// <exception cref="ArgumentException">The number of values differs from the number of label names.</exception>
    public TSeries WithLabels(params ReadOnlySpan<string> labelValues)
    {
        if (labelValues.Length != _labelNames.Length)
        {
            throw new ArgumentException(
                $"Metric {Name} has {_labelNames.Length} labels ({string.Join(", ", _labelNames)}) but {labelValues.Length} values were given",
                nameof(labelValues));
        }

        if (_lookup.TryGetValue(labelValues, out var series))
        {
            return series;
        }

        foreach (var value in labelValues)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(labelValues));
        }

        return _folded ?? AddSeries(labelValues);
    }

    void IMetricFamily.WriteTo(TextWriter writer)
    {
        var series = _series.ToArray();
        if (series.Length == 0)
        {
            return;
        }

        // Sorted so that the output is stable between scrapes (and testable).
        Array.Sort(series, static (x, y) => CompareLabelValues(x.Key, y.Key));
        ExpositionFormat.WriteHeader(writer, Name, Help, TypeName);
        foreach (var (labelValues, value) in series)
        {
            WriteSeries(writer, labelValues, value);
        }
    }

    private protected abstract TSeries CreateSeries(CounterSeries? foldedObservations);

    private protected abstract void WriteSeries(TextWriter writer, string[] labelValues, TSeries series);

    /// <summary>The only series of a metric without labels.</summary>
    private protected TSeries Unlabeled =>
        _unlabeled ?? throw new InvalidOperationException($"Metric {Name} has labels ({string.Join(", ", _labelNames)}): use WithLabels");

    /// <summary>
    /// Creates the series of a metric without labels, so it is exposed (as zero) before its first update. Called by the
    /// derived constructor once its own fields are set, which <see cref="CreateSeries"/> may need.
    /// </summary>
    private protected void CreateUnlabeledSeries()
    {
        if (_labelNames.Length == 0)
        {
            _unlabeled = WithLabels();
        }
    }

    private TSeries AddSeries(ReadOnlySpan<string> labelValues)
    {
        lock (_growth)
        {
            if (_lookup.TryGetValue(labelValues, out var series))
            {
                return series;
            }

            if (_series.Count < MaxSeries)
            {
                series = CreateSeries(null);
                _series[labelValues.ToArray()] = series;
                return series;
            }

            var foldedValues = Enumerable.Repeat(FoldedLabelValue, _labelNames.Length).ToArray();
            series = _series.GetOrAdd(foldedValues, _ => CreateSeries(_foldedObservationsOf?.Invoke(Name)));
            _folded = series;
            return series;
        }
    }

    private static int CompareLabelValues(string[] x, string[] y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            var order = string.CompareOrdinal(x[i], y[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }
}
