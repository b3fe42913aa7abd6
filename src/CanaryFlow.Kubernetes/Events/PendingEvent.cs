namespace CanaryFlow.Kubernetes.Events;

/// <summary>
/// One Event object with a write queued or in progress. Repeats recorded meanwhile only raise <see cref="Latest"/>
/// (client-go's correlator does the same in memory): the writer sends the newest count, and writes again if more came
/// while it was writing, so a burst of identical events costs a create and a few patches, not one request each.
/// Mutable state is guarded by the recorder's lock.
/// </summary>
internal sealed class PendingEvent(QueuedEvent queued, EventOccurrence first, long ticket)
{
    public QueuedEvent Queued { get; } = queued;

    /// <summary>The <see cref="QueueProgress"/> ticket, finished when the last occurrence folded in is written.</summary>
    public long Ticket { get; } = ticket;

    /// <summary>True when this write creates the Event (the first occurrence of a series); false: a series update.</summary>
    public bool StartsSeries { get; } = !first.IsRepeat;

    /// <summary>The newest occurrence to write.</summary>
    public EventOccurrence Latest { get; set; } = first;

    /// <summary>
    /// The count the API server has (as far as this write knows): occurrences up to it are accounted for in the
    /// recorder's counters.
    /// </summary>
    public int Written { get; set; } = first.IsRepeat ? first.Count - 1 : 0;

    /// <summary>Occurrences folded in but not written yet.</summary>
    public int Unwritten => Latest.Count - Written;
}
