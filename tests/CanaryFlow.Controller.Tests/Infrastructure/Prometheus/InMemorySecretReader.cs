using CanaryFlow.Controller.Analysis;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

/// <summary>
/// Secrets by namespace, name and key, standing in for the Kubernetes Secret reader (what is under test here is
/// Prometheus, not the API server). A missing one fails as the real reader does: naming the Secret, never a value.
/// </summary>
public sealed class InMemorySecretReader : ISecretReader
{
    private readonly Dictionary<(string Namespace, string Name, string Key), string> _values = [];
    private int _reads;

    /// <summary>How many reads were asked for (credentials are read at every measurement, so rotation is picked up).</summary>
    public int Reads => Volatile.Read(ref _reads);

    public InMemorySecretReader Add(string ns, string name, string key, string value)
    {
        lock (_values)
        {
            _values[(ns, name, key)] = value;
        }

        return this;
    }

    public Task<string> ReadAsync(string ns, SecretKeySelector selector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selector);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _reads);
        lock (_values)
        {
            return _values.TryGetValue((ns, selector.Name ?? "", selector.Key ?? ""), out var value)
                ? Task.FromResult(value)
                : Task.FromException<string>(new SecretUnavailableException($"Secret {ns}/{selector.Name} has no key {selector.Key}"));
        }
    }
}
