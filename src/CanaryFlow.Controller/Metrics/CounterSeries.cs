namespace CanaryFlow.Controller.Metrics;

/// <summary>One series of a <see cref="Counter"/>: a total that only goes up. Thread-safe and lock-free.</summary>
public sealed class CounterSeries
{
    private readonly CounterSeries? _foldedObservations;
    private double _value;

    internal CounterSeries(CounterSeries? foldedObservations) => _foldedObservations = foldedObservations;

    public double Value => Volatile.Read(ref _value);

    public void Inc(double amount = 1)
    {
        // Written to reject NaN too.
        if (!(amount >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A counter only goes up");
        }

        AtomicDouble.Add(ref _value, amount);
        _foldedObservations?.Inc();
    }

    /// <summary>
    /// Raises the counter to <paramref name="total"/>, for totals counted elsewhere (a component's own counters, read
    /// when metrics are collected); a lower total is ignored, so the counter still never goes down.
    /// </summary>
    public void IncTo(double total)
    {
        AtomicDouble.RaiseTo(ref _value, total);
        _foldedObservations?.Inc();
    }
}
