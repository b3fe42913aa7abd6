using System.Globalization;

namespace CanaryFlow.Benchmarks.ControllerFleet;

/// <summary>
/// Cumulative bucket counts of <c>canaryflow_reconcile_duration_seconds</c>, summed over its <c>result</c> label,
/// and quantiles from them the way Prometheus' <c>histogram_quantile</c> computes them: linear interpolation
/// inside the bucket the rank falls in, so no quantile is finer than the bucket bounds around it.
/// </summary>
internal sealed record ReconcileHistogram(IReadOnlyList<(double UpperBound, double Count)> Buckets, double Sum)
{
    public const string Name = "canaryflow_reconcile_duration_seconds";

    public double Count => Buckets.Count == 0 ? 0 : Buckets[^1].Count;

    public static ReconcileHistogram From(MetricsScrape scrape)
    {
        ArgumentNullException.ThrowIfNull(scrape);
        var buckets = scrape.Samples
            .Where(s => s.Name == Name + "_bucket")
            .GroupBy(s => s.Labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(s.Labels["le"], CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Sum(s => s.Value)))
            .ToList();
        return new ReconcileHistogram(buckets, scrape.Sum(Name + "_sum"));
    }

    /// <summary>What was observed between <paramref name="earlier"/> and this scrape.</summary>
    public ReconcileHistogram Since(ReconcileHistogram earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new ReconcileHistogram([.. Buckets.Select((b, i) => (b.UpperBound, b.Count - earlier.Buckets[i].Count))], Sum - earlier.Sum);
    }

    /// <summary>The interpolated quantile and the bucket it lies in (lower, upper].</summary>
    public (double Value, double Lower, double Upper) Quantile(double q)
    {
        if (Count == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        var rank = q * Count;
        var lower = 0.0;
        var below = 0.0;
        foreach (var (upper, count) in Buckets)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(upper))
                {
                    return (lower, lower, upper);
                }

                return (lower + ((upper - lower) * (rank - below) / (count - below)), lower, upper);
            }

            lower = upper;
            below = count;
        }

        return (lower, lower, double.PositiveInfinity);
    }

    /// <summary>e.g. "2.5 ms (bucket 0-5 ms)".</summary>
    public string Describe(double q)
    {
        var (value, lower, upper) = Quantile(q);
        return double.IsNaN(value)
            ? "n/a"
            : string.Create(CultureInfo.InvariantCulture, $"{value * 1000:0.###} ms (bucket {lower * 1000:0.###}-{upper * 1000:0.###} ms)");
    }

    /// <summary>The mean, exact (sum over count), unlike the quantiles.</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;
}
