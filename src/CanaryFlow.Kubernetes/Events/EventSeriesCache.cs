namespace CanaryFlow.Kubernetes.Events;

/// <summary>
/// Remembers the recent events, so that a repeat within the window continues the series of the Event object already
/// written instead of creating another one. Bounded: the least recently seen events are forgotten first, and a
/// forgotten event simply starts a new object. Not thread-safe: the recorder uses it under its lock.
/// </summary>
internal sealed class EventSeriesCache
{
    private readonly TimeSpan _window;
    private readonly LruCache<EventIdentity, EventOccurrence> _recent;
    private readonly EventNameGenerator _names = new();

    public EventSeriesCache(TimeSpan window, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _window = window;
        _recent = new LruCache<EventIdentity, EventOccurrence>(capacity);
    }

    /// <summary>Counts one occurrence of the event at <paramref name="observedAt"/> and tells where it goes.</summary>
    public EventOccurrence Observe(EventIdentity identity, DateTimeOffset observedAt)
    {
        var occurrence = Next(identity, observedAt);
        Remember(identity, occurrence);
        return occurrence;
    }

    /// <summary>
    /// Where an occurrence at <paramref name="observedAt"/> would go, without counting it yet: the recorder counts it
    /// (<see cref="Remember"/>) only once it has room to write it, so a dropped event does not inflate the series.
    /// </summary>
    public EventOccurrence Next(EventIdentity identity, DateTimeOffset observedAt)
    {
        EventOccurrence occurrence;
        if (_recent.TryGetValue(identity, out var previous) && observedAt - previous.LastObserved <= _window)
        {
            // The clock may step back; lastObservedTime should not.
            var last = observedAt > previous.LastObserved ? observedAt : previous.LastObserved;
            occurrence = previous with { Count = previous.Count + 1, LastObserved = last };
        }
        else
        {
            var name = _names.Next(identity.Regarding.Name, observedAt);
            occurrence = new EventOccurrence(name, identity.EventNamespace, observedAt, 1, observedAt);
        }

        return occurrence;
    }

    /// <summary>Counts the occurrence <see cref="Next"/> gave.</summary>
    public void Remember(EventIdentity identity, EventOccurrence occurrence) => _recent.Set(identity, occurrence);
}
