using Microsoft.Extensions.Logging;

namespace CanaryFlow.Kubernetes.Events;

internal static partial class EventRecorderLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Event {Reason} about {Kind} {Namespace}/{Name} not recorded: {Problem}")]
    public static partial void InvalidEvent(ILogger logger, string reason, string kind, string @namespace, string name, string problem);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event {Reason} about {Kind} {Namespace}/{Name} dropped by the spam filter")]
    public static partial void DroppedBySpamFilter(ILogger logger, string reason, string kind, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event {Reason} about {Kind} {Namespace}/{Name} dropped: the queue is full")]
    public static partial void DroppedQueueFull(ILogger logger, string reason, string kind, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event queue full ({Capacity} writes waiting): {Dropped} event(s) dropped since the last warning; see canaryflow_events_total{{outcome=\"dropped_queue_full\"}}")]
    public static partial void QueueFull(ILogger logger, int capacity, long dropped);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event {Reason} about {Kind} {Namespace}/{Name} ignored: the recorder is disposed")]
    public static partial void RecordedAfterDispose(ILogger logger, string reason, string kind, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Writing event {EventName} in {Namespace} failed (attempt {Attempt}), trying again in {Delay}: {Error}")]
    public static partial void Retrying(ILogger logger, string eventName, string @namespace, int attempt, TimeSpan delay, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {Reason} about {Kind} {Namespace}/{Name} dropped after {Attempts} attempt(s): {Error}")]
    public static partial void Dropped(ILogger logger, string reason, string kind, string @namespace, string name, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event recorder stopped after {DrainTimeout} with {Count} event(s) not written")]
    public static partial void Abandoned(ILogger logger, TimeSpan drainTimeout, long count);
}
