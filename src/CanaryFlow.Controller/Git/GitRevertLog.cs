using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Git;

/// <summary>Log messages of the revert: Rollout, commits, branches and decisions; never credentials.</summary>
internal static partial class GitRevertLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Revert of {Rollout} template {Hash}: made commit {Commit} on {Parent} for {Branch}")]
    public static partial void Committed(ILogger logger, string rollout, string hash, string commit, string parent, string branch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revert of {Rollout} template {Hash} pushed as {Commit} to {Branch} after {Attempts} attempt(s)")]
    public static partial void Pushed(ILogger logger, string rollout, string hash, string commit, string branch, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revert of {Rollout} template {Hash}: {Outcome}: {Reason}")]
    public static partial void Skipped(ILogger logger, string rollout, string hash, GitRevertResultKind outcome, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revert of {Rollout} template {Hash}: push to {Branch} rejected (attempt {Attempt}); refetching after {Backoff}")]
    public static partial void Retrying(ILogger logger, string rollout, string hash, string branch, int attempt, TimeSpan backoff);
}
