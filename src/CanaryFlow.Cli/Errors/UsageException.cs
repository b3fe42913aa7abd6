namespace CanaryFlow.Cli.Errors;

/// <summary>A request the plugin refuses before doing anything (bad argument, unreadable file): one line, exit 1.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public UsageException()
    {
    }
}
