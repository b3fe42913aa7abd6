using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.JsonPath;

namespace CanaryFlow.Controller.Analysis.Providers;

/// <summary>
/// The <c>web</c> provider: GET or POST a URL, take the JSON response (or a value selected from it by a JSONPath such as
/// <c>{$.data.ok}</c>) as the result. Any non-2xx answer, timeout or unparsable body is an Error measurement.
/// </summary>
public sealed class WebMetricProvider : IMetricProvider
{
    private const int _maxBody = 1 << 20;
    private readonly HttpClient _http;

    public WebMetricProvider(HttpClient http)
    {
        _http = http;
    }

    public bool Handles(MetricProvider provider) => provider?.Web is not null;

    public async Task<ProviderResult> MeasureAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var web = query.Metric.Provider!.Web!;
        var url = AnalysisArguments.Substitute(web.Url ?? "", query.Arguments, out var problem);
        if (problem is not null)
        {
            throw new MetricProviderException(problem, url.Shown);
        }

        if (!Uri.TryCreate(url.Text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new MetricProviderException($"url \"{url.Shown}\" is not an absolute http(s) URL", url.Shown);
        }

        var method = (web.Method ?? "GET").ToUpperInvariant() switch
        {
            "GET" => HttpMethod.Get,
            "POST" => HttpMethod.Post,
            _ => throw new MetricProviderException($"method {web.Method} is not supported (GET or POST)", url.Shown),
        };
        using var request = new HttpRequestMessage(method, uri);
        if (method == HttpMethod.Post && web.Body is { } bodyText)
        {
            var body = AnalysisArguments.Substitute(bodyText, query.Arguments, out var bodyProblem);
            if (bodyProblem is not null)
            {
                throw new MetricProviderException("body: " + bodyProblem, url.Shown);
            }

            request.Content = new StringContent(body.Text, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        foreach (var header in web.Headers ?? [])
        {
            var value = AnalysisArguments.Substitute(header.Value ?? "", query.Arguments, out var headerProblem);
            if (headerProblem is not null)
            {
                throw new MetricProviderException($"header {header.Key}: {headerProblem}", url.Shown);
            }

            // HttpClient sends such a value as it is: a line break would end the header and start another one of the
            // value's choosing. A Secret written with a trailing newline is the usual way to get here.
            if (value.Text.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                throw new MetricProviderException($"header {header.Key}: the value \"{value.Shown.ReplaceLineEndings(" ")}\" holds a line break or NUL", url.Shown);
            }

            if (!AddHeader(request, header.Key ?? "", value.Text))
            {
                throw new MetricProviderException($"header {header.Key} cannot be sent", url.Shown);
            }
        }

        var timeoutSeconds = web.TimeoutSeconds is > 0 ? web.TimeoutSeconds.Value : 10;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        string text;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            text = await ReadLimitedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new MetricProviderException($"{url.Shown} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Snippet(AnalysisArguments.MaskSecrets(text, query.Arguments))}", url.Shown);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MetricProviderException($"{url.Shown} did not answer within {timeoutSeconds}s", url.Shown);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // IOException: a connection dropped while the body was being read (HttpIOException), after the headers came.
            throw new MetricProviderException($"{url.Shown}: {AnalysisArguments.MaskSecrets(e.Message, query.Arguments)}", url.Shown, Safe(e, query.Arguments));
        }

        return new ProviderResult(Select(text, web.JsonPath, url.Shown, query.Arguments), url.Shown);
    }

    /// <summary>
    /// A header on the request, or on its content where HttpClient keeps it (Content-Type, which templates written for
    /// Argo Rollouts set as a header): a GET gets empty content to carry it.
    /// </summary>
    private static bool AddHeader(HttpRequestMessage request, string name, string value)
    {
        if (request.Headers.TryAddWithoutValidation(name, value))
        {
            return true;
        }

        // Refused by the request: a content header, or a name HTTP cannot carry (Remove would throw for that).
        using (var probe = new ByteArrayContent([]))
        {
            if (!probe.Headers.TryAddWithoutValidation(name, value))
            {
                return false;
            }
        }

        request.Content ??= new ByteArrayContent([]);

        // The template's value replaces the default Content-Type of the body rather than joining it.
        request.Content.Headers.Remove(name);
        return request.Content.Headers.TryAddWithoutValidation(name, value);
    }

    /// <summary>
    /// The exception to keep as the inner one, unless its text (inner exceptions included) holds a secret: the
    /// message is shown and an exception is logged whole, so a secret in either would leak.
    /// </summary>
    private static Exception? Safe(Exception e, IReadOnlyDictionary<string, ArgumentValue> arguments)
    {
        var text = e.ToString();
        return AnalysisArguments.MaskSecrets(text, arguments) == text ? e : null;
    }

    private static MetricData Select(string text, string? jsonPath, string shown, IReadOnlyDictionary<string, ArgumentValue> arguments)
    {
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            if (jsonPath is null)
            {
                return new TextData(text.Trim());
            }

            // The endpoint may echo the request, secrets included.
            throw new MetricProviderException($"{shown} did not answer JSON: {Snippet(AnalysisArguments.MaskSecrets(text, arguments))}", shown);
        }

        if (jsonPath is null)
        {
            return new JsonData(document);
        }

        try
        {
            // The parser takes the path with or without braces ({$.data.ok}, $.data.ok, {.data.ok}).
            var expression = JsonPathExpression.Parse(jsonPath);
            var selected = expression.Evaluate(document);
            return selected.Count switch
            {
                0 => throw new MetricProviderException($"jsonPath {jsonPath} selected nothing in the response of {shown}", shown),
                1 => new JsonData(selected[0]?.DeepClone()),
                _ => new JsonData(new JsonArray([.. selected.Select(n => n?.DeepClone())])),
            };
        }
        catch (JsonPathParseException e)
        {
            throw new MetricProviderException($"jsonPath {jsonPath}: {e.Message}", shown);
        }
    }

    private static async Task<string> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[_maxBody + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        if (total > _maxBody)
        {
            throw new HttpRequestException($"the response is larger than {_maxBody} bytes");
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    private static string Snippet(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
