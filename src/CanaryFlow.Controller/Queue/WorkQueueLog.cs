using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Queue;

/// <summary>The work queue's log messages.</summary>
internal static partial class WorkQueueLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Work queue {Queue} started {Workers} workers")]
    public static partial void WorkersStarted(ILogger logger, string queue, int workers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Work queue {Queue} is stopping: waiting up to {Timeout} for {InFlight} running reconciles")]
    public static partial void Draining(ILogger logger, string queue, TimeSpan timeout, int inFlight);

    [LoggerMessage(Level = LogLevel.Information, Message = "Work queue {Queue} stopped")]
    public static partial void Stopped(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work queue {Queue} stopped after its {Timeout} shutdown deadline with {InFlight} reconciles still running; they were cancelled")]
    public static partial void DeadlinePassed(ILogger logger, string queue, TimeSpan timeout, int inFlight);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile of {Key} failed: {Reason}; retry {Failures} in {RetryDelay}")]
    public static partial void ReconcileFailed(ILogger logger, string key, string reason, int failures, TimeSpan retryDelay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconcile of {Key} threw; retry {Failures} in {RetryDelay}")]
    public static partial void ReconcileThrew(ILogger logger, Exception exception, string key, int failures, TimeSpan retryDelay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconcile of {Key} was cancelled by shutdown; it is queued again")]
    public static partial void ReconcileInterrupted(ILogger logger, string key);
}
