using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Git;

/// <summary>The healthy-revision search's log messages.</summary>
internal static partial class HealthyRevisionLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Revision hint {Hint} for {Rollout} ignored: {Reason}")]
    public static partial void HintIgnored(ILogger logger, string hint, string rollout, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Path} at {Commit} does not render: {Reason}")]
    public static partial void NotRendered(ILogger logger, string path, string commit, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {Rollout} template {TemplateHash} comes from {Commit} (hint: {FromHint})")]
    public static partial void Found(ILogger logger, string rollout, string templateHash, string commit, bool fromHint);

    [LoggerMessage(Level = LogLevel.Information, Message = "No commit within {Depth} of {Branch} yields Rollout {Rollout} template {TemplateHash}")]
    public static partial void NotFound(ILogger logger, int depth, string branch, string rollout, string templateHash);
}
