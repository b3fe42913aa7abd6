using System.Collections.Concurrent;

namespace CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

/// <summary>Passes requests to the network and remembers each one's method and URL length.</summary>
public sealed class MethodRecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<(HttpMethod Method, int UrlLength)> _sent = new();

    public IReadOnlyList<(HttpMethod Method, int UrlLength)> Sent => [.. _sent];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _sent.Enqueue((request.Method, request.RequestUri?.AbsoluteUri.Length ?? 0));
        return base.SendAsync(request, cancellationToken);
    }
}
