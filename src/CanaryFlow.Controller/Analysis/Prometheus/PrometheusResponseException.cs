using System.Net;

namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>
/// An HTTP answer that is not a Prometheus API response: a proxy's HTML 502, a plain-text 401 or 503, a JSON body
/// without the envelope, a malformed envelope. It is a transport error, never an empty result.
/// </summary>
public sealed class PrometheusResponseException : PrometheusException
{
    internal PrometheusResponseException(Uri address, HttpStatusCode statusCode, string? contentType, string bodySnippet, string problem, Exception? innerException = null)
        : base(address, $"Prometheus at {address} answered HTTP {(int)statusCode} {statusCode} with {problem} (Content-Type: {contentType ?? "none"}): {(bodySnippet.Length == 0 ? "<empty body>" : bodySnippet)}", innerException)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        BodySnippet = bodySnippet;
    }

    public HttpStatusCode StatusCode { get; }

    public string? ContentType { get; }

    /// <summary>The start of the body (at most a few hundred characters, control characters replaced).</summary>
    public string BodySnippet { get; }
}
