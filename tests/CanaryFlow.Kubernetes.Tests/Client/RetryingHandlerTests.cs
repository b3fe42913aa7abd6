using System.Net;
using System.Net.Http.Headers;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Tests.Infrastructure;

namespace CanaryFlow.Kubernetes.Tests.Client;

public sealed class RetryingHandlerTests
{
    [Theory]
    [InlineData("GET", HttpStatusCode.ServiceUnavailable, true)]
    [InlineData("GET", HttpStatusCode.InternalServerError, true)]
    [InlineData("PUT", HttpStatusCode.GatewayTimeout, true)]
    [InlineData("DELETE", HttpStatusCode.TooManyRequests, true)]
    [InlineData("POST", HttpStatusCode.TooManyRequests, true)]
    [InlineData("POST", HttpStatusCode.InternalServerError, false)]
    [InlineData("PATCH", HttpStatusCode.ServiceUnavailable, false)]
    [InlineData("GET", HttpStatusCode.NotImplemented, false)]
    [InlineData("GET", HttpStatusCode.Conflict, false)]
    [InlineData("GET", HttpStatusCode.NotFound, false)]
    [InlineData("PUT", HttpStatusCode.UnprocessableEntity, false)]
    public void Only_safe_repeats_are_allowed(string method, HttpStatusCode status, bool retried) =>
        Assert.Equal(retried, RetryPolicy.Default.ShouldRetry(new HttpMethod(method), status, attempt: 1));

    [Fact]
    public async Task A_429_with_Retry_After_waits_exactly_that_long_then_succeeds()
    {
        var clock = new TimerAwareClock();
        var server = new ScriptedHandler(
            Respond(HttpStatusCode.TooManyRequests, retryAfterSeconds: 3),
            Respond(HttpStatusCode.OK));
        var retrying = new RetryingHandler(RetryPolicy.Default, clock) { InnerHandler = server };
        using var client = new HttpClient(retrying) { BaseAddress = new Uri("http://localhost") };

        var sending = client.GetAsync("/api/v1/pods");
        Assert.Equal(TimeSpan.FromSeconds(3), await clock.WaitForTimerAsync());
        clock.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Equal(1, server.Requests);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, server.Requests);
        Assert.Equal(1, retrying.Retries);
    }

    [Fact]
    public async Task Gives_up_after_the_last_attempt_and_returns_the_error_response()
    {
        var clock = new TimerAwareClock();
        var server = new ScriptedHandler(Enumerable.Range(0, 10).Select(_ => Respond(HttpStatusCode.ServiceUnavailable, retryAfterSeconds: 1)).ToArray());
        var retrying = new RetryingHandler(RetryPolicy.Default with { MaxAttempts = 3 }, clock) { InnerHandler = server };
        using var client = new HttpClient(retrying) { BaseAddress = new Uri("http://localhost") };

        var sending = client.GetAsync("/api/v1/pods");
        for (var i = 1; i <= 2; i++)
        {
            await clock.WaitForTimerAsync();
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public void Backoff_grows_exponentially_within_the_cap()
    {
        var policy = RetryPolicy.Default;
        var random = new Random(7);
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var delay = policy.Delay(attempt, null, random);
            var ceiling = Math.Min(policy.InitialDelay.TotalMilliseconds * Math.Pow(2, attempt - 1), policy.MaxDelay.TotalMilliseconds);
            Assert.InRange(delay.TotalMilliseconds, ceiling / 2, ceiling);
        }
    }

    private static Func<HttpResponseMessage> Respond(HttpStatusCode status, int? retryAfterSeconds = null) => () =>
    {
        var response = new HttpResponseMessage(status);
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        return response;
    };

    /// <summary>Answers requests from a script, counting them (a stand-in for a server that misbehaves on cue).</summary>
    private sealed class ScriptedHandler(params Func<HttpResponseMessage>[] responses) : HttpMessageHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var index = Interlocked.Increment(ref _requests) - 1;
            return Task.FromResult(responses[Math.Min(index, responses.Length - 1)]());
        }
    }
}
