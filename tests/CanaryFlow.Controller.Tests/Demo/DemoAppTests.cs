using System.Net;
using System.Text.Json.Nodes;
using CanaryFlow.Controller.Demo;

namespace CanaryFlow.Controller.Tests.Demo;

/// <summary>The storefront app over real HTTP: the bug of v3, its Prometheus metrics and its stats for the web provider.</summary>
public sealed class DemoAppTests
{
    private static readonly HttpClient _http = new();

    [Fact]
    public async Task V3_fails_about_a_third_of_its_requests_and_its_metrics_and_stats_say_so()
    {
        await using var app = await DemoApp.StartAsync(DemoRelease.For("v3"), "abc123", CancellationToken.None);

        var codes = await SendAsync(app, 200);

        var failed = codes.Count(c => c == HttpStatusCode.ServiceUnavailable);
        Assert.Equal(200, failed + codes.Count(c => c == HttpStatusCode.OK));

        // 30% of 200: more than 4.5 standard deviations inside these bounds.
        Assert.InRange(failed, 30, 90);
        var metrics = await _http.GetStringAsync(new Uri(app.BaseAddress, "metrics"));
        Assert.Contains($"http_requests_total{{version=\"v3\",code=\"503\"}} {failed}", metrics, StringComparison.Ordinal);
        Assert.Contains($"http_requests_total{{version=\"v3\",code=\"200\"}} {200 - failed}", metrics, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds_bucket{version=\"v3\",le=\"+Inf\"} 200", metrics, StringComparison.Ordinal);

        var stats = JsonNode.Parse(await _http.GetStringAsync(new Uri(app.BaseAddress, "stats?window=1m")))!;
        Assert.Equal(("v3", 200, failed), (stats["version"]!.GetValue<string>(), stats["requests"]!.GetValue<int>(), stats["errors"]!.GetValue<int>()));
        Assert.Equal((200 - failed) / 200.0, stats["successRate"]!.GetValue<double>(), 6);
        Assert.InRange(stats["p99LatencySeconds"]!.GetValue<double>(), 0.005, 10);
    }

    [Fact]
    public async Task V2_answers_every_request_with_its_version_and_without_requests_its_stats_are_no_data()
    {
        await using var app = await DemoApp.StartAsync(DemoRelease.For("v2"), "def456", CancellationToken.None);

        using (var empty = await _http.GetAsync(new Uri(app.BaseAddress, "stats?window=5s")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, empty.StatusCode);
        }

        Assert.All(await SendAsync(app, 50), c => Assert.Equal(HttpStatusCode.OK, c));
        using var page = await _http.GetAsync(app.BaseAddress);
        Assert.Equal("v2", page.Headers.GetValues(DemoApp.VersionHeader).Single());
        Assert.Equal("def456", JsonNode.Parse(await page.Content.ReadAsStringAsync())!["pod"]!.GetValue<string>());
        var stats = JsonNode.Parse(await _http.GetStringAsync(new Uri(app.BaseAddress, "stats?window=1m")))!;
        Assert.Equal(1.0, stats["successRate"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("registry.example.com/shop/storefront:v3", "v3")]
    [InlineData("localhost:5000/storefront:1.2.3", "1.2.3")]
    [InlineData("localhost:5000/storefront", "latest")]
    public void The_version_is_the_images_tag(string image, string version) => Assert.Equal(version, DemoRelease.VersionOfImage(image));

    private static async Task<List<HttpStatusCode>> SendAsync(DemoApp app, int count)
    {
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await _http.GetAsync(app.BaseAddress);
            codes.Add(response.StatusCode);
        }

        return codes;
    }
}
