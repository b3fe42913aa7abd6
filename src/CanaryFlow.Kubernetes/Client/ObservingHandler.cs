using Microsoft.Extensions.Logging;

namespace CanaryFlow.Kubernetes.Client;

/// <summary>The outermost handler: reports every request (after retries) for metrics and logs the server's warnings.</summary>
internal sealed partial class ObservingHandler(Action<ApiRequestRecord>? observer, TimeProvider clock, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var status = 0;
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            if (response.Headers.TryGetValues("Warning", out var warnings))
            {
                foreach (var warning in warnings)
                {
                    LogServerWarning(logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? "", warning);
                }
            }

            return response;
        }
        finally
        {
            if (observer is not null)
            {
                request.Options.TryGetValue(ApiRequest.Verb, out var verb);
                request.Options.TryGetValue(ApiRequest.Resource, out var resource);
                observer(new ApiRequestRecord(verb ?? request.Method.Method.ToLowerInvariant(), resource ?? "", status, clock.GetElapsedTime(started)));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API server warned about {Method} {Path}: {Warning}")]
    private static partial void LogServerWarning(ILogger logger, string method, string path, string warning);
}
