using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Git;

/// <summary>The Git workspace's log messages: subcommands, repositories, commits; never credentials or their paths' contents.</summary>
internal static partial class GitLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "git {Command} exited {ExitCode} after {ElapsedMilliseconds} ms")]
    public static partial void Ran(ILogger logger, string command, int exitCode, long elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "git {Command} timed out after {TimeoutSeconds} s and was killed")]
    public static partial void TimedOut(ILogger logger, string command, double timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cloned {Repository} into the workspace cache")]
    public static partial void Cloned(ILogger logger, string repository);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fetched {Repository} branch {Branch} at {Commit}")]
    public static partial void Fetched(ILogger logger, string repository, string branch, string commit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pushed {Commit} to {Repository} ref {Ref}")]
    public static partial void Pushed(ILogger logger, string commit, string repository, string @ref);

    [LoggerMessage(Level = LogLevel.Information, Message = "Push of {Commit} to {Repository} ref {Ref} was rejected as not a fast-forward")]
    public static partial void PushRejected(ILogger logger, string commit, string repository, string @ref);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed the damaged workspace cache of {Repository}: {Reason}")]
    public static partial void CacheDiscarded(ILogger logger, string repository, string reason);
}
