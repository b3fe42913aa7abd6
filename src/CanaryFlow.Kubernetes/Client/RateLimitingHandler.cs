namespace CanaryFlow.Kubernetes.Client;

/// <summary>Holds each request until the client-side rate limit lets it through.</summary>
internal sealed class RateLimitingHandler(TokenBucket bucket) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await bucket.TakeAsync(cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
