using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>
/// core/v1 Event, for reading events that older tools (kubectl, client-go's record package) write. Both APIs store the
/// same objects: <c>message</c> is events.k8s.io's <c>note</c>, <c>involvedObject</c> its <c>regarding</c>, and
/// <c>reportingComponent</c> its <c>reportingController</c>.
/// </summary>
public sealed record CoreEvent() : KubernetesObject("v1", "Event")
{
    public ObjectReference? InvolvedObject { get; init; }

    public string? Reason { get; init; }

    public string? Message { get; init; }

    public EventSource? Source { get; init; }

    [JsonConverter(typeof(TimeJsonConverter))]
    public DateTimeOffset? FirstTimestamp { get; init; }

    [JsonConverter(typeof(TimeJsonConverter))]
    public DateTimeOffset? LastTimestamp { get; init; }

    public int? Count { get; init; }

    public string? Type { get; init; }

    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? EventTime { get; init; }

    public EventSeries? Series { get; init; }

    public string? Action { get; init; }

    public ObjectReference? Related { get; init; }

    public string? ReportingComponent { get; init; }

    public string? ReportingInstance { get; init; }
}

public sealed record EventSource : KubernetesRecord
{
    public string? Component { get; init; }

    public string? Host { get; init; }
}
