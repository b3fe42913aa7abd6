using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>
/// events.k8s.io/v1 Event, the kind the controller emits. The server rejects a new event that sets the deprecated*
/// legacy fields; it fills some of them itself on reads, and they then come back through extension data.
/// </summary>
public sealed record Event() : KubernetesObject("events.k8s.io/v1", "Event")
{
    /// <summary>Required on create.</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? EventTime { get; init; }

    /// <summary>Present once an event repeats; updated instead of creating new events.</summary>
    public EventSeries? Series { get; init; }

    /// <summary>A qualified name such as <c>canaryflow.io/controller</c>.</summary>
    public string? ReportingController { get; init; }

    public string? ReportingInstance { get; init; }

    public string? Action { get; init; }

    public string? Reason { get; init; }

    public ObjectReference? Regarding { get; init; }

    public ObjectReference? Related { get; init; }

    /// <summary>Human-readable, at most 1 KiB.</summary>
    public string? Note { get; init; }

    /// <summary>Normal or Warning.</summary>
    public string? Type { get; init; }
}

/// <summary>The repeat counter of an event; the same shape in events.k8s.io/v1 and core/v1.</summary>
public sealed record EventSeries : KubernetesRecord
{
    public int? Count { get; init; }

    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? LastObservedTime { get; init; }
}
