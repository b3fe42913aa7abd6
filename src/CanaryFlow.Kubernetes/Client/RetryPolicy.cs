using System.Net;

namespace CanaryFlow.Kubernetes.Client;

/// <summary>
/// When and how long to wait before repeating a request. Idempotent requests (GET, PUT, DELETE) are repeated on
/// 429 and 5xx; POST and PATCH only on 429, which the server sends before it does anything. A Retry-After from
/// the server wins over the exponential back-off.
/// </summary>
public sealed record RetryPolicy
{
    public int MaxAttempts { get; init; } = 5;
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A Retry-After longer than this is not waited for (the caller sees the error instead).</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    public static RetryPolicy Default { get; } = new();

    public static RetryPolicy None { get; } = new() { MaxAttempts = 1 };

    public bool ShouldRetry(HttpMethod method, HttpStatusCode? status, int attempt)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (attempt >= MaxAttempts)
        {
            return false;
        }

        var idempotent = method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete;
        return status switch
        {
            // No response at all (connection refused or reset): only safe to repeat what is idempotent.
            null => idempotent,
            HttpStatusCode.TooManyRequests => true,
            >= HttpStatusCode.InternalServerError and not HttpStatusCode.NotImplemented => idempotent,
            _ => false,
        };
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: Retry-After when given, else exponential with jitter.</summary>
    public TimeSpan Delay(int attempt, TimeSpan? retryAfter, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (retryAfter is { } serverSaid && serverSaid <= MaxRetryAfter)
        {
            return serverSaid;
        }

        var exponential = InitialDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (random.NextDouble() * 0.5)));
    }
}
