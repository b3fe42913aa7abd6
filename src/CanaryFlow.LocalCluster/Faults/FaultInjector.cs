using CanaryFlow.LocalCluster.Api;

namespace CanaryFlow.LocalCluster.Faults;

/// <summary>A fault to inject into requests of one verb (or every verb when <see cref="Verb"/> is null).</summary>
public sealed record FaultRule
{
    /// <summary>get, list, watch, create, update, patch, delete, deletecollection; null for all.</summary>
    public string? Verb { get; init; }

    /// <summary>Resource (plural) the rule applies to; null for all.</summary>
    public string? Resource { get; init; }
    public double InternalErrorProbability { get; init; }
    public double TooManyRequestsProbability { get; init; }
    public int RetryAfterSeconds { get; init; } = 1;
    public double SlowProbability { get; init; }
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Makes the server fail the way real ones do under load or trouble (500, 429 with Retry-After, slow answers),
/// with a seeded random source so reliability tests are reproducible. Rules can change while the server runs.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private readonly Random _random;
    private List<FaultRule> _rules = [];

    public FaultInjector(int seed) => _random = new Random(seed);

    /// <summary>Requests that were failed or delayed on purpose.</summary>
    public int InjectedCount { get; private set; }

    public void Set(params FaultRule[] rules)
    {
        lock (_lock)
        {
            _rules = [.. rules];
        }
    }

    public void Clear() => Set();

    /// <summary>Throws the injected error or returns the delay to apply (zero when the request goes through untouched).</summary>
    public TimeSpan Decide(string verb, string resource)
    {
        lock (_lock)
        {
            foreach (var rule in _rules)
            {
                if ((rule.Verb is not null && rule.Verb != verb) || (rule.Resource is not null && rule.Resource != resource))
                {
                    continue;
                }

                if (rule.InternalErrorProbability > 0 && _random.NextDouble() < rule.InternalErrorProbability)
                {
                    InjectedCount++;
                    throw ApiErrors.Internal("injected fault");
                }

                if (rule.TooManyRequestsProbability > 0 && _random.NextDouble() < rule.TooManyRequestsProbability)
                {
                    InjectedCount++;
                    throw ApiErrors.TooManyRequests(rule.RetryAfterSeconds);
                }

                if (rule.SlowProbability > 0 && _random.NextDouble() < rule.SlowProbability)
                {
                    InjectedCount++;
                    return rule.Delay;
                }
            }

            return TimeSpan.Zero;
        }
    }
}
