using Microsoft.Extensions.Logging;

namespace CanaryFlow.Kubernetes.LeaderElection;

/// <summary>The leader election's log messages; "became leader" and "stopped leading" stand in for client-go's Lease events.</summary>
internal static partial class LeaderElectionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} is trying to acquire Lease {Namespace}/{Name}")]
    public static partial void Acquiring(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} became leader: acquired Lease {Namespace}/{Name}")]
    public static partial void BecameLeader(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "New leader of Lease {Namespace}/{Name}: {Leader}")]
    public static partial void NewLeader(ILogger logger, string @namespace, string name, string leader);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Lease {Namespace}/{Name} is held by {Holder} and still valid")]
    public static partial void HeldByOther(ILogger logger, string @namespace, string name, string holder);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Another candidate wrote Lease {Namespace}/{Name} first")]
    public static partial void LostRace(ILogger logger, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not renew Lease {Namespace}/{Name} with the cached copy, reading it again")]
    public static partial void FastRenewFailed(ILogger logger, string @namespace, string name, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not acquire or renew Lease {Namespace}/{Name}")]
    public static partial void AttemptFailed(ILogger logger, string @namespace, string name, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Identity} stopped leading: Lease {Namespace}/{Name} not renewed within {RenewDeadline}")]
    public static partial void LostLeadership(ILogger logger, string identity, string @namespace, string name, TimeSpan renewDeadline);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} stopped leading Lease {Namespace}/{Name}")]
    public static partial void SteppedDown(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} released Lease {Namespace}/{Name}")]
    public static partial void Released(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} could not release Lease {Namespace}/{Name}; others take over when it expires")]
    public static partial void ReleaseFailed(ILogger logger, string identity, string @namespace, string name, Exception? exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A leader election callback for Lease {Namespace}/{Name} threw")]
    public static partial void CallbackFailed(ILogger logger, string @namespace, string name, Exception exception);
}
