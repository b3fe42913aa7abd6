using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Raw HTTP helpers for the protocol tests: they send exactly what a client would and return status and body.</summary>
public static class ApiClient
{
    public static async Task<ApiResponse> SendAsync(this HttpClient http, HttpMethod method, string path, string? body = null, string contentType = "application/json", Action<HttpRequestMessage>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        configure?.Invoke(request);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? node = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json" && text.Length > 0)
        {
            node = JsonNode.Parse(text);
        }

        return new ApiResponse((int)response.StatusCode, node, response);
    }

    // GetAsync and DeleteAsync would be hidden by HttpClient's own methods of the same shape, hence the Raw names.
    public static Task<ApiResponse> GetRawAsync(this HttpClient http, string path) =>
        http.SendAsync(HttpMethod.Get, path);

    public static Task<ApiResponse> PostAsync(this HttpClient http, string path, string body) =>
        http.SendAsync(HttpMethod.Post, path, body);

    public static Task<ApiResponse> PutAsync(this HttpClient http, string path, string body) =>
        http.SendAsync(HttpMethod.Put, path, body);

    public static Task<ApiResponse> PatchAsync(this HttpClient http, string path, string body, string contentType) =>
        http.SendAsync(HttpMethod.Patch, path, body, contentType);

    public static Task<ApiResponse> DeleteRawAsync(this HttpClient http, string path, string? body = null) =>
        http.SendAsync(HttpMethod.Delete, path, body);

    /// <summary>A GET whose Accept header is exactly <paramref name="accept"/> instead of the client's default.</summary>
    public static Task<ApiResponse> GetAcceptingAsync(this HttpClient http, string path, string accept) =>
        http.SendAsync(HttpMethod.Get, path, configure: request =>
        {
            request.Headers.Accept.Clear();
            request.Headers.TryAddWithoutValidation("Accept", accept);
        });

    /// <summary>The response body as text (it was buffered when the request completed).</summary>
    public static Task<string> TextAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Content.ReadAsStringAsync();
    }

    /// <summary>The metadata.resourceVersion of an object or list.</summary>
    public static string ResourceVersion(this JsonNode? body) =>
        body?["metadata"]?["resourceVersion"]?.GetValue<string>() ?? throw new InvalidOperationException("no metadata.resourceVersion in " + body?.Compact());

    /// <summary>The resourceVersion as the integer the server issues (tests compare ordering).</summary>
    public static long Revision(this JsonNode? body) => long.Parse(body.ResourceVersion(), System.Globalization.CultureInfo.InvariantCulture);
}
