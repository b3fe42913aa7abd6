namespace CanaryFlow.Controller.Metrics;

/// <summary>One series of a <see cref="Gauge"/>: a value that goes up and down. Thread-safe and lock-free.</summary>
public sealed class GaugeSeries
{
    private readonly CounterSeries? _foldedObservations;
    private double _value;

    internal GaugeSeries(CounterSeries? foldedObservations) => _foldedObservations = foldedObservations;

    public double Value => Volatile.Read(ref _value);

    public void Set(double value)
    {
        Volatile.Write(ref _value, value);
        _foldedObservations?.Inc();
    }

    public void Inc(double amount = 1)
    {
        AtomicDouble.Add(ref _value, amount);
        _foldedObservations?.Inc();
    }

    public void Dec(double amount = 1) => Inc(-amount);
}
