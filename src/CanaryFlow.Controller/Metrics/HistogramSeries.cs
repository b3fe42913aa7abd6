namespace CanaryFlow.Controller.Metrics;

/// <summary>One series of a <see cref="Histogram"/>. Thread-safe and lock-free.</summary>
public sealed class HistogramSeries
{
    private readonly double[] _upperBounds;
    private readonly CounterSeries? _foldedObservations;

    // Per bucket, not cumulative, so an observation touches one slot; the last slot is +Inf.
    private readonly long[] _bucketCounts;
    private double _sum;

    internal HistogramSeries(double[] upperBounds, CounterSeries? foldedObservations)
    {
        _upperBounds = upperBounds;
        _foldedObservations = foldedObservations;
        _bucketCounts = new long[upperBounds.Length + 1];
    }

    public double Sum => Volatile.Read(ref _sum);

    public long Count => CumulativeCounts()[^1];

    public void Observe(double value)
    {
        // A bucket counts values less than or equal to its bound. NaN, which BinarySearch orders below everything,
        // lands in +Inf as in Prometheus' own clients.
        var index = double.IsNaN(value) ? _upperBounds.Length : Array.BinarySearch(_upperBounds, value);
        if (index < 0)
        {
            index = ~index;
        }

        Interlocked.Increment(ref _bucketCounts[index]);
        AtomicDouble.Add(ref _sum, value);
        _foldedObservations?.Inc();
    }

    /// <summary>Cumulative counts per bucket, +Inf last (which is also the count).</summary>
    internal long[] CumulativeCounts()
    {
        var cumulative = new long[_bucketCounts.Length];
        long running = 0;
        for (var i = 0; i < _bucketCounts.Length; i++)
        {
            running += Interlocked.Read(ref _bucketCounts[i]);
            cumulative[i] = running;
        }

        return cumulative;
    }
}
