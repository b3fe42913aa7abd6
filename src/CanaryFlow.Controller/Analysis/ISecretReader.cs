using CanaryFlow.Core.Api;

namespace CanaryFlow.Controller.Analysis;

/// <summary>Reads one key of a Secret for an analysis (argument values, provider credentials).</summary>
public interface ISecretReader
{
    /// <exception cref="SecretUnavailableException">The Secret or key is missing or unreadable; the message never holds a value.</exception>
    Task<string> ReadAsync(string ns, SecretKeySelector selector, CancellationToken cancellationToken);
}

/// <summary>A Secret key an analysis needs could not be read. The message names the Secret and key, never a value.</summary>
public sealed class SecretUnavailableException : Exception
{
    public SecretUnavailableException()
    {
    }

    public SecretUnavailableException(string message)
        : base(message)
    {
    }

    public SecretUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
