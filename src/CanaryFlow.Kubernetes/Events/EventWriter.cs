using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Events;

/// <summary>
/// Writes one occurrence to the API server: a new events.k8s.io/v1 Event, or a series update of the existing one
/// (re-created, with the count continuing, when someone deleted it).
/// </summary>
internal sealed class EventWriter(ResourceClient<Event> events, string reportingController, string reportingInstance)
{
    /// <param name="create">Create the Event (a new series, perhaps already with repeats folded in); false: update its series.</param>
    public async Task WriteAsync(QueuedEvent queued, EventOccurrence occurrence, bool create, CancellationToken cancellationToken)
    {
        if (create)
        {
            await CreateAsync(queued, occurrence, cancellationToken).ConfigureAwait(false);
            return;
        }

        await PatchSeriesAsync(queued, occurrence, recreateWhenMissing: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task PatchSeriesAsync(QueuedEvent queued, EventOccurrence occurrence, bool recreateWhenMissing, CancellationToken cancellationToken)
    {
        try
        {
            // Only the series changes; every other field of an events.k8s.io Event is immutable after create.
            var series = new JsonObject
            {
                ["series"] = new JsonObject
                {
                    ["count"] = occurrence.Count,
                    ["lastObservedTime"] = KubernetesTime.FormatMicro(occurrence.LastObserved),
                },
            };
            await events.PatchAsync(occurrence.Namespace, occurrence.Name, Patch.Merge(series), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (recreateWhenMissing && e.IsNotFound && e is not ResourceNotServedException)
        {
            // Deleted by someone (or by its TTL), or its create was given up on: client-go re-creates it, count continuing.
            await CreateAsync(queued, occurrence, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Failures that may pass: throttling, server trouble, timeouts and lost connections.</summary>
    public static bool IsTransient(Exception error) => error switch
    {
        KubernetesApiException api => api.IsTransient,
        TimeoutException or HttpRequestException => true,
        _ => false,
    };

    private async Task CreateAsync(QueuedEvent queued, EventOccurrence occurrence, CancellationToken cancellationToken)
    {
        var identity = queued.Identity;
        var ev = new Event
        {
            Metadata = new ObjectMeta { Name = occurrence.Name, Namespace = occurrence.Namespace },
            EventTime = occurrence.FirstObserved,
            Series = occurrence.IsRepeat ? new EventSeries { Count = occurrence.Count, LastObservedTime = occurrence.LastObserved } : null,
            ReportingController = reportingController,
            ReportingInstance = reportingInstance,
            Action = identity.Action,
            Reason = identity.Reason,
            Regarding = queued.Regarding,
            Note = identity.Note,
            Type = identity.Type,
        };
        try
        {
            await events.CreateAsync(ev, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists)
        {
            // Names are unique per recorder, so this is our own earlier attempt that timed out after the server stored
            // it; repeats folded in since then are not in it yet.
            if (occurrence.IsRepeat)
            {
                await PatchSeriesAsync(queued, occurrence, recreateWhenMissing: false, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
