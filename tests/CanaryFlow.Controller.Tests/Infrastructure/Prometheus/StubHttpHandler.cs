using System.Net;
using System.Text;

namespace CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

/// <summary>Answers every request with one canned response (for the shapes a real Prometheus 2.42 cannot be made to send).</summary>
public sealed class StubHttpHandler(HttpStatusCode statusCode, string? contentType, string body) : HttpMessageHandler
{
    public static HttpClient Client(HttpStatusCode statusCode, string? contentType, string body) =>
        new(new StubHttpHandler(statusCode, contentType, body));

    public static HttpClient Json(string body, HttpStatusCode statusCode = HttpStatusCode.OK) =>
        Client(statusCode, "application/json", body);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return Task.FromResult(new HttpResponseMessage(statusCode) { Content = content, RequestMessage = request });
    }
}
