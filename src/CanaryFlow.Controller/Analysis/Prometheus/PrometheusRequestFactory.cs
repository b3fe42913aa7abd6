using System.Net.Http.Headers;
using System.Text;

namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>
/// Builds the HTTP request of an instant query: GET with the parameters in the URL, or a form-encoded POST (for long
/// queries, as Prometheus allows). Headers and credentials go in headers only, so the URL holds nothing secret.
/// </summary>
internal static class PrometheusRequestFactory
{
    private const string _queryPath = "api/v1/query";
    private static readonly MediaTypeWithQualityHeaderValue _acceptJson = new("application/json");

    public static HttpRequestMessage Create(PrometheusClientOptions options, PrometheusQuery query)
    {
        var parameters = Parameters(query);
        var encoded = Encode(parameters);
        var endpoint = new Uri(WithTrailingSlash(options.Address), _queryPath);
        var request = UsePost(options, encoded)
            ? new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(parameters) }
            : new HttpRequestMessage(HttpMethod.Get, new UriBuilder(endpoint) { Query = encoded }.Uri);
        request.Headers.Accept.Add(_acceptJson);
        foreach (var (name, value) in options.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Dispose();
                throw new ArgumentException($"header {name} cannot be set on a request", nameof(options));
            }
        }

        if (options.Authentication is { } authentication)
        {
            request.Headers.Authorization = authentication.ToHeader();
        }

        return request;
    }

    private static bool UsePost(PrometheusClientOptions options, string encoded) => options.Method switch
    {
        PrometheusQueryMethod.Get => false,
        PrometheusQueryMethod.Post => true,
        _ => encoded.Length > options.MaxGetParametersLength,
    };

    private static List<KeyValuePair<string, string>> Parameters(PrometheusQuery query)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("query", query.Expression) };
        if (query.Time is { } time)
        {
            parameters.Add(new("time", PrometheusWireFormat.FormatTime(time)));
        }

        if (query.Timeout is { } timeout)
        {
            parameters.Add(new("timeout", PrometheusWireFormat.FormatDuration(timeout)));
        }

        return parameters;
    }

    private static string Encode(List<KeyValuePair<string, string>> parameters)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            builder.Append(builder.Length == 0 ? "" : "&").Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return builder.ToString();
    }

    private static Uri WithTrailingSlash(Uri address) =>
        address.AbsolutePath.EndsWith('/') ? address : new UriBuilder(address) { Path = address.AbsolutePath + "/" }.Uri;
}
