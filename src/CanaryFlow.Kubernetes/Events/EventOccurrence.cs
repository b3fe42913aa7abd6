namespace CanaryFlow.Kubernetes.Events;

/// <summary>
/// Where an occurrence goes: the Event object it belongs to, when that event was first seen, and the count so far
/// (1 is a new Event; 2 and up a series update).
/// </summary>
internal sealed record EventOccurrence(string Name, string Namespace, DateTimeOffset FirstObserved, int Count, DateTimeOffset LastObserved)
{
    public bool IsRepeat => Count > 1;
}
