using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CanaryFlow.Kubernetes.Client;

/// <summary>
/// The connection to one API server: the HTTP pipeline and the typed resource clients on top of it. Thread-safe;
/// create one per process and share it.
/// </summary>
public sealed class KubernetesClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly RetryingHandler _retries;

    public KubernetesClient(KubernetesConnection connection, KubernetesClientOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        Options = options ?? new KubernetesClientOptions();
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("CanaryFlow.Kubernetes");
        _http = KubernetesTransport.Create(connection, Options, Logger, out _retries);
    }

    public KubernetesConnection Connection { get; }
    public KubernetesClientOptions Options { get; }
    internal ILogger Logger { get; }

    /// <summary>Requests the pipeline repeated after throttling or server errors.</summary>
    public int Retries => _retries.Retries;

    /// <summary>A typed client for any kind; the type infos come from the source-generated context that knows <typeparamref name="T"/>.</summary>
    public ResourceClient<T> Resource<T>(ResourceType type, JsonTypeInfo<T> typeInfo, JsonTypeInfo<KubernetesList<T>> listTypeInfo)
        where T : class, IKubernetesObject =>
        new(this, type, typeInfo, listTypeInfo);

    /// <summary>A typed client for a kind of <see cref="KubernetesJsonContext"/>.</summary>
    public ResourceClient<T> Resource<T>(ResourceType type)
        where T : class, IKubernetesObject =>
        new(this, type, KubernetesSerializer.GetTypeInfo<T>(), KubernetesSerializer.GetTypeInfo<KubernetesList<T>>());

    /// <summary>
    /// Sends one request and returns the successful response (the caller owns it); error answers become
    /// <see cref="KubernetesApiException"/>. Non-watch requests get the per-request timeout.
    /// </summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, string verb, ResourceType type, bool streaming, CancellationToken cancellationToken)
    {
        // HttpClient's DefaultRequestVersion applies only to its own helpers, not to a message built here: without
        // these every request went out as HTTP/1.1, and concurrent requests each opened a connection (and TLS handshake).
        using var request = new HttpRequestMessage(method, pathAndQuery)
        {
            Content = content,
            Version = _http.DefaultRequestVersion,
            VersionPolicy = _http.DefaultVersionPolicy,
        };
        request.Options.Set(ApiRequest.Verb, verb);
        request.Options.Set(ApiRequest.Resource, type.QualifiedName);
        using var timeout = streaming ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout?.CancelAfter(Options.RequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, timeout?.Token ?? cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{verb} {type.QualifiedName} at {Connection.Server.Authority} did not answer within {Options.RequestTimeout}");
        }
        catch (HttpRequestException e)
        {
            throw new HttpRequestException($"{verb} {type.QualifiedName}: cannot reach the API server at {Connection.Server.Authority} ({Connection.Source}): {e.Message}", e, e.StatusCode);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(response, verb, type, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static HttpContent Json(byte[] body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    internal static HttpContent Json(string body, string contentType) => Json(Encoding.UTF8.GetBytes(body), contentType);

    private static async Task<KubernetesApiException> ToExceptionAsync(HttpResponseMessage response, string verb, ResourceType type, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        Status? status = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json" && text.Length > 0)
        {
            try
            {
                status = KubernetesSerializer.Deserialize<Status>(text);
            }
            catch (JsonException)
            {
                // Not a Status (a proxy's page, say): reported as text below.
            }
        }

        if (status is { Kind: "Status" })
        {
            return new KubernetesApiException($"{verb} {type.QualifiedName}: {status.Message} ({status.Reason}, {code})", code, status);
        }

        var excerpt = text.Length > 200 ? text[..200] + "..." : text.Trim();
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new ResourceNotServedException($"{verb} {type.QualifiedName}: the server does not serve {type.ApiVersion} {type.Plural} (is its CRD installed?)");
        }

        return new KubernetesApiException($"{verb} {type.QualifiedName}: HTTP {code}: {excerpt}", code, null);
    }

    public void Dispose() => _http.Dispose();
}
