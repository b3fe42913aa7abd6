using System.Net;

namespace CanaryFlow.Kubernetes.Client;

/// <summary>Repeats requests as <see cref="RetryPolicy"/> allows, waiting on the injected clock.</summary>
public sealed class RetryingHandler : DelegatingHandler
{
    private readonly RetryPolicy _policy;
    private readonly TimeProvider _clock;
    private readonly Random _random;
    private int _retries;

    public RetryingHandler(RetryPolicy policy, TimeProvider clock, Random? random = null)
    {
        _policy = policy;
        _clock = clock;
        _random = random ?? Random.Shared;
    }

    /// <summary>How many requests were repeated (exposed for metrics and tests).</summary>
    public int Retries => _retries;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested && _policy.ShouldRetry(request.Method, null, attempt))
            {
                await WaitAsync(attempt, null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!_policy.ShouldRetry(request.Method, response.StatusCode, attempt) || !IsRetryableStatus(response.StatusCode))
            {
                return response;
            }

            var retryAfter = RetryAfter(response);
            if (retryAfter > _policy.MaxRetryAfter)
            {
                return response;
            }

            response.Dispose();
            await WaitAsync(attempt, retryAfter, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsRetryableStatus(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || (status >= HttpStatusCode.InternalServerError && status != HttpStatusCode.NotImplemented);

    private async Task WaitAsync(int attempt, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _retries);
        await Task.Delay(_policy.Delay(attempt, retryAfter, _random), _clock, cancellationToken).ConfigureAwait(false);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _clock.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
