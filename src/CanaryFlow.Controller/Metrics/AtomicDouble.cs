namespace CanaryFlow.Controller.Metrics;

/// <summary>Lock-free updates of a <see cref="double"/> field, which <see cref="Interlocked"/> only offers as compare-exchange.</summary>
internal static class AtomicDouble
{
    public static void Add(ref double location, double amount)
    {
        var current = Volatile.Read(ref location);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref location, current + amount, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Raises <paramref name="location"/> to <paramref name="value"/>; never lowers it.</summary>
    public static void RaiseTo(ref double location, double value)
    {
        var current = Volatile.Read(ref location);
        while (current < value)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen.Equals(current))
            {
                return;
            }

            current = seen;
        }
    }
}
