using CanaryFlow.Controller.Analysis.Prometheus;

namespace CanaryFlow.Controller.Tests.Analysis.Prometheus;

/// <summary>Options that would put a secret in a URL, or that the HTTP stack would refuse later, are rejected up front without echoing secrets.</summary>
public sealed class PrometheusClientOptionsTests
{
    private static readonly Uri _address = new("http://prometheus.monitoring:9090/");

    [Theory]
    [InlineData("http://admin:hunter2@prometheus:9090/", "carries credentials")]
    [InlineData("http://prometheus:9090/?token=hunter2", "has a query or fragment")]
    [InlineData("http://prometheus:9090/#hunter2", "has a query or fragment")]
    [InlineData("ftp://prometheus/", "absolute http or https URL")]
    public void An_address_with_secrets_or_the_wrong_scheme_is_rejected(string address, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => Create(new PrometheusClientOptions { Address = new Uri(address) }));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_address_is_rejected() =>
        Assert.Throws<ArgumentException>(() => Create(new PrometheusClientOptions { Address = new Uri("/prometheus", UriKind.Relative) }));

    [Theory]
    [InlineData("X-Token", "a\r\nInjected: yes", "contains a line break")]
    [InlineData("Bad Name", "value-x9", "not a valid HTTP header name")]
    [InlineData("Content-Type", "text/x-secret", "set by the client itself")]
    [InlineData("Host", "elsewhere-host", "set by the client itself")]
    public void A_header_the_client_cannot_send_is_rejected_naming_only_the_header(string name, string value, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => Create(new PrometheusClientOptions
        {
            Address = _address,
            Headers = new Dictionary<string, string> { [name] = value },
        }));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_authorization_header_and_authentication_together_are_ambiguous()
    {
        var error = Assert.Throws<ArgumentException>(() => Create(new PrometheusClientOptions
        {
            Address = _address,
            Headers = new Dictionary<string, string> { ["authorization"] = "Bearer abc" },
            Authentication = new PrometheusBearerAuthentication("def"),
        }));

        Assert.Contains("either Authentication or an Authorization header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_authorization_header_alone_is_sent_as_given() =>
        Create(new PrometheusClientOptions { Address = _address, Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer abc" } });

    [Fact]
    public void A_non_positive_request_timeout_is_rejected() =>
        Assert.Throws<ArgumentException>(() => Create(new PrometheusClientOptions { Address = _address, RequestTimeout = TimeSpan.Zero }));

    [Fact]
    public async Task A_non_positive_query_timeout_is_rejected()
    {
        using var http = new HttpClient();
        var client = new PrometheusClient(http, new PrometheusClientOptions { Address = _address });

        await Assert.ThrowsAsync<ArgumentException>(() => client.QueryAsync(new PrometheusQuery("up") { Timeout = TimeSpan.Zero }, CancellationToken.None));
    }

    private static void Create(PrometheusClientOptions options)
    {
        using var http = new HttpClient();
        _ = new PrometheusClient(http, options);
    }
}
