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

        using var request = new HttpRequestMessage((web.Method ?? "GET").ToUpperInvariant() == "POST" ? HttpMethod.Post : HttpMethod.Get, uri);
        foreach (var header in web.Headers ?? [])
        {
            var value = AnalysisArguments.Substitute(header.Value ?? "", query.Arguments, out var headerProblem);
            if (headerProblem is not null)
            {
                throw new MetricProviderException($"header {header.Key}: {headerProblem}", url.Shown);
            }

            if (!request.Headers.TryAddWithoutValidation(header.Key ?? "", value.Text))
            {
                throw new MetricProviderException($"header {header.Key} cannot be sent", url.Shown);
            }
        }

        if (request.Method == HttpMethod.Post && web.Body is { } bodyText)
        {
            var body = AnalysisArguments.Substitute(bodyText, query.Arguments, out var bodyProblem);
            if (bodyProblem is not null)
            {
                throw new MetricProviderException("body: " + bodyProblem, url.Shown);
            }

            request.Content = new StringContent(body.Text, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(web.TimeoutSeconds is > 0 ? web.TimeoutSeconds.Value : 10));
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
            throw new MetricProviderException($"{url.Shown} did not answer within {web.TimeoutSeconds ?? 10}s", url.Shown);
        }
        catch (HttpRequestException e)
        {
            throw new MetricProviderException($"{url.Shown}: {AnalysisArguments.MaskSecrets(e.Message, query.Arguments)}", url.Shown, e);
        }

        return new ProviderResult(Select(text, web.JsonPath, url.Shown), url.Shown);
    }

    private static MetricData Select(string text, string? jsonPath, string shown)
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

            throw new MetricProviderException($"{shown} did not answer JSON: {Snippet(text)}", shown);
        }

        if (jsonPath is null)
        {
            return new JsonData(document);
        }

        try
        {
            var expression = JsonPathExpression.Parse(jsonPath.Trim().TrimStart('{').TrimEnd('}'));
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
