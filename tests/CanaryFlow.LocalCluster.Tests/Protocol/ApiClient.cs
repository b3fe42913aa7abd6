using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Raw HTTP helpers for the protocol tests: they send exactly what a client would and return status and body.</summary>
public static class ApiClient
{
    public static async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(this HttpClient http, HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? node = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json" && text.Length > 0)
        {
            node = JsonNode.Parse(text);
        }

        return ((int)response.StatusCode, node, response);
    }

    public static Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(this HttpClient http, string path) =>
        http.SendAsync(HttpMethod.Get, path);

    public static Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(this HttpClient http, string path, string body) =>
        http.SendAsync(HttpMethod.Post, path, body);

    public static Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PutAsync(this HttpClient http, string path, string body) =>
        http.SendAsync(HttpMethod.Put, path, body);

    public static Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PatchAsync(this HttpClient http, string path, string body, string contentType) =>
        http.SendAsync(HttpMethod.Patch, path, body, contentType);

    public static Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> DeleteAsync(this HttpClient http, string path, string? body = null) =>
        http.SendAsync(HttpMethod.Delete, path, body);
}
