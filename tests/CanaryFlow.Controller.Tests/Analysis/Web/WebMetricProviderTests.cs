using System.Text.Json.Nodes;
using CanaryFlow.Controller.Analysis.Providers;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Controller.Tests.Analysis.Web;

/// <summary>
/// The web provider against a real HTTP server (<see cref="MetricEndpoint"/>, Kestrel on 127.0.0.1): what it sends
/// (method, arguments substituted into URL, headers and body), what it makes of the answer (the JSON, a value a
/// JSONPath selects, plain text), and that every failure is a <see cref="MetricProviderException"/> whose message
/// and shown query never hold a secret argument.
/// </summary>
public sealed class WebMetricProviderTests : IAsyncLifetime
{
    private const string _secret = "s3cr3t-T0ken";

    private static readonly Dictionary<string, ArgumentValue> _arguments = new(StringComparer.Ordinal)
    {
        ["service"] = new ArgumentValue("api", Secret: false),
        ["token"] = new ArgumentValue(_secret, Secret: true),
    };

    private readonly HttpClient _http = new();
    private MetricEndpoint? _endpoint;

    private MetricEndpoint Endpoint => _endpoint ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _endpoint = await MetricEndpoint.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_endpoint is not null)
        {
            await _endpoint.DisposeAsync();
        }
    }

    [Fact]
    public void Handles_only_metrics_with_a_web_provider()
    {
        var provider = new WebMetricProvider(_http);

        Assert.True(provider.Handles(new MetricProvider { Web = new WebMetric { Url = "http://x/" } }));
        Assert.False(provider.Handles(new MetricProvider { Prometheus = new PrometheusMetric { Address = "http://x/", Query = "up" } }));
    }

    [Fact]
    public async Task Get_without_a_json_path_returns_the_whole_json_body()
    {
        var result = await MeasureAsync(new WebMetric { Url = Endpoint.Url("metrics") });

        var data = Assert.IsType<JsonData>(result.Data);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(MetricEndpoint.MetricsJson), data.Value));
        Assert.Equal(Endpoint.Url("metrics"), result.ShownQuery);
        var request = Assert.Single(Endpoint.Received);
        Assert.Equal("GET", request.Method);
        Assert.Equal("", request.Body);
    }

    [Fact]
    public async Task Arguments_are_sent_in_url_and_headers_but_the_shown_query_masks_the_secret()
    {
        var web = new WebMetric
        {
            Url = Endpoint.Url("metrics?service={{args.service}}&token={{args.token}}"),
            Headers =
            [
                new WebHeader { Key = "Authorization", Value = "Bearer {{args.token}}" },
                new WebHeader { Key = "X-Service", Value = "{{ args.service }}" },
            ],
        };

        var result = await MeasureAsync(web);

        var request = Assert.Single(Endpoint.Received);
        Assert.Equal($"/metrics?service=api&token={_secret}", request.PathAndQuery);
        Assert.Equal($"Bearer {_secret}", request.Headers["Authorization"]);
        Assert.Equal("api", request.Headers["X-Service"]);
        Assert.Equal(Endpoint.Url("metrics?service=api&token=*****"), result.ShownQuery);
    }

    [Fact]
    public async Task Post_sends_the_substituted_body_as_json()
    {
        var web = new WebMetric
        {
            Url = Endpoint.Url("metrics"),
            Method = "POST",
            Body = """{"service": "{{args.service}}", "token": "{{args.token}}"}""",
        };

        var result = await MeasureAsync(web);

        var request = Assert.Single(Endpoint.Received);
        Assert.Equal("POST", request.Method);
        Assert.Equal($$"""{"service": "api", "token": "{{_secret}}"}""", request.Body);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.DoesNotContain(_secret, result.ShownQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Method_is_case_insensitive()
    {
        await MeasureAsync(new WebMetric { Url = Endpoint.Url("metrics"), Method = "post", Body = "{}" });

        Assert.Equal("POST", Assert.Single(Endpoint.Received).Method);
    }

    [Fact]
    public async Task A_content_type_header_applies_to_the_body()
    {
        // Templates written for Argo Rollouts set Content-Type as a header; HttpClient keeps it on the content.
        var web = new WebMetric
        {
            Url = Endpoint.Url("metrics"),
            Method = "POST",
            Headers = [new WebHeader { Key = "Content-Type", Value = "application/vnd.api+json" }, new WebHeader { Key = "Accept", Value = "application/json" }],
            Body = """{"query": "{{args.service}}"}""",
        };

        await MeasureAsync(web);

        var request = Assert.Single(Endpoint.Received);
        Assert.Equal("application/vnd.api+json", request.Headers["Content-Type"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.Equal("""{"query": "api"}""", request.Body);
    }

    [Fact]
    public async Task A_get_carries_a_content_type_header_too()
    {
        await MeasureAsync(new WebMetric { Url = Endpoint.Url("metrics"), Headers = [new WebHeader { Key = "Content-Type", Value = "application/json" }] });

        var request = Assert.Single(Endpoint.Received);
        Assert.Equal("GET", request.Method);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
    }

    [Fact]
    public async Task A_header_value_that_would_split_the_request_is_an_error_with_the_secret_masked()
    {
        var web = new WebMetric
        {
            Url = Endpoint.Url("metrics"),
            Headers = [new WebHeader { Key = "Authorization", Value = "Bearer {{args.token}}\r\nX-Injected: yes" }],
        };

        // Sent as it is, the value would end the header line and add an X-Injected header to the request.
        var error = await Assert.ThrowsAsync<MetricProviderException>(() => MeasureAsync(web));

        Assert.Equal("header Authorization: the value \"Bearer ***** X-Injected: yes\" holds a line break or NUL", error.Message);
        AssertNoSecret(error);
        Assert.Empty(Endpoint.Received);
    }

    [Theory]
    [InlineData("Bad Header")]
    [InlineData("")]
    public async Task A_header_name_http_cannot_carry_is_an_error(string name)
    {
        var web = new WebMetric { Url = Endpoint.Url("metrics"), Headers = [new WebHeader { Key = name, Value = "{{args.token}}" }] };

        var error = await Assert.ThrowsAsync<MetricProviderException>(() => MeasureAsync(web));

        Assert.Equal($"header {name} cannot be sent", error.Message);
        Assert.Empty(Endpoint.Received);
    }

    [Fact]
    public async Task A_method_other_than_get_or_post_is_an_error_and_nothing_is_sent()
    {
        var error = await Assert.ThrowsAsync<MetricProviderException>(() => MeasureAsync(new WebMetric { Url = Endpoint.Url("metrics"), Method = "DELETE" }));

        Assert.Equal("method DELETE is not supported (GET or POST)", error.Message);
        Assert.Empty(Endpoint.Received);
    }

    [Theory]
    [InlineData("{$.data.rate}", "0.97")]
    [InlineData("{$.data.ok}", "true")]
    [InlineData("$.data.ok", "true")]
    [InlineData("{.data.ok}", "true")]
    [InlineData("{$.data.latency}", """{"p50":0.1,"p99":0.4}""")]
    [InlineData("{$.series[1]}", "2")]
    [InlineData("{$.series[*]}", "[1,2,3]")]
    [InlineData("{$.data.empty}", "null")]
    public async Task Json_path_selects_a_value_from_the_response(string jsonPath, string expected)
    {
        var result = await MeasureAsync(new WebMetric { Url = Endpoint.Url("metrics"), JsonPath = jsonPath });

        var data = Assert.IsType<JsonData>(result.Data);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), data.Value), $"selected {data.Display()}");
    }

    [Fact]
    public async Task Selected_values_keep_their_json_type()
    {
        var rate = await MeasureAsync(new WebMetric { Url = Endpoint.Url("metrics"), JsonPath = "{$.data.rate}" });
        var ok = await MeasureAsync(new WebMetric { Url = Endpoint.Url("metrics"), JsonPath = "{$.data.ok}" });

        Assert.Equal(0.97, Assert.IsType<JsonData>(rate.Data).Value!.GetValue<double>());
        Assert.True(Assert.IsType<JsonData>(ok.Data).Value!.GetValue<bool>());
    }

    [Fact]
    public async Task A_json_path_that_selects_nothing_is_an_error()
    {
        var error = await Assert.ThrowsAsync<MetricProviderException>(() => MeasureAsync(new WebMetric { Url = Endpoint.Url("metrics"), JsonPath = "{$.data.missing}" }));

        Assert.Equal($"jsonPath {{$.data.missing}} selected nothing in the response of {Endpoint.Url("metrics")}", error.Message);
        Assert.Equal(Endpoint.Url("metrics"), error.ShownQuery);
    }

    [Fact]
    public async Task A_malformed_json_path_is_an_error_naming_it()
    {
        var error = await Assert.ThrowsAsync<MetricProviderException>(() => MeasureAsync(new WebMetric { Url = Endpoint.Url("metrics"), JsonPath = "{$.data[}" }));

        Assert.StartsWith("jsonPath {$.data[}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_text_without_a_json_path()
    {
        var result = await MeasureAsync(new WebMetric { Url = Endpoint.Url("text") });

        Assert.Equal(new TextData("healthy: 3 of 3 backends"), result.Data);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_an_error_with_a_json_path_and_the_message_masks_the_secret()
    {
        var web = new WebMetric
        {
            Url = Endpoint.Url("echo-text"),
            Headers = [new WebHeader { Key = "Authorization", Value = "Bearer {{args.token}}" }],
            JsonPath = "{$.ok}",
        };

        var error = await Assert.ThrowsAsync<MetricProviderException>(() => MeasureAsync(web));

        Assert.Equal($"{Endpoint.Url("echo-text")} did not answer JSON: you sent Bearer *****", error.Message);
        AssertNoSecret(error);
    }

    [Theory]
    [InlineData(404, "Not Found")]
    [InlineData(500, "Internal Server Error")]
    [InlineData(503, "Service Unavailable")]
    public async Task A_non_2xx_answer_is_an_error_with_the_secret_masked(int status, string reason)
    {
        var web = new WebMetric
        {
            Url = Endpoint.Url($"status/{status}?token={{{{args.token}}}}"),
            Headers = [new WebHeader { Key = "Authorization", Value = "Bearer {{args.token}}" }],
            JsonPath = "{$.ok}",
        };

        var error = await Assert.ThrowsAsync<MetricProviderException>(() => MeasureAsync(web));

        var shown = Endpoint.Url($"status/{status}?token=*****");
        Assert.Equal($"{shown} answered {status} {reason}: no such service; request was ?token=***** with Bearer *****", error.Message);
        Assert.Equal(shown, error.ShownQuery);
        AssertNoSecret(error);
        Assert.Equal($"/status/{status}?token={_secret}", Assert.Single(Endpoint.Received).PathAndQuery);
    }

    [Fact]
    public async Task An_endpoint_that_does_not_answer_in_time_is_an_error()
    {
        var web = new WebMetric { Url = Endpoint.Url("hang?token={{args.token}}"), TimeoutSeconds = 1 };

        var error = await Assert.ThrowsAsync<MetricProviderException>(() => MeasureAsync(web));

        Assert.Equal($"{Endpoint.Url("hang?token=*****")} did not answer within 1s", error.Message);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_reported_as_a_timeout()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var query = new MetricQuery(Metric(new WebMetric { Url = Endpoint.Url("hang"), TimeoutSeconds = 30 }), _arguments, "production");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new WebMetricProvider(_http).MeasureAsync(query, cancelled.Token));
    }

    [Fact]
    public async Task A_response_cut_off_midway_is_an_error()
    {
        await using var server = new TruncatingServer();

        var error = await Assert.ThrowsAsync<MetricProviderException>(() => MeasureAsync(new WebMetric { Url = server.Url("cut?token={{args.token}}") }));

        Assert.StartsWith($"{server.Url("cut?token=*****")}: ", error.Message, StringComparison.Ordinal);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task A_response_larger_than_a_mebibyte_is_an_error()
    {
        var error = await Assert.ThrowsAsync<MetricProviderException>(() => MeasureAsync(new WebMetric { Url = Endpoint.Url("large") }));

        Assert.Equal($"{Endpoint.Url("large")}: the response is larger than 1048576 bytes", error.Message);
    }

    [Fact]
    public async Task A_refused_connection_is_an_error()
    {
        var url = Endpoint.Url("metrics?token={{args.token}}");
        var shown = Endpoint.Url("metrics?token=*****");
        await Endpoint.DisposeAsync();

        var error = await Assert.ThrowsAsync<MetricProviderException>(() => MeasureAsync(new WebMetric { Url = url }));

        Assert.StartsWith($"{shown}: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(shown, error.ShownQuery);
        AssertNoSecret(error);
    }

    [Theory]
    [InlineData("url", "{{args.nope}}/metrics", "unknown argument nope in \"{{args.nope}}/metrics\"")]
    [InlineData("header", "Bearer {{args.nope}}", "header Authorization: unknown argument nope in \"Bearer {{args.nope}}\"")]
    [InlineData("body", "{\"q\": \"{{args.nope}}\"}", "body: unknown argument nope in \"{\"q\": \"{{args.nope}}\"}\"")]
    public async Task An_unknown_argument_is_an_error_and_nothing_is_sent(string where, string text, string message)
    {
        var web = where switch
        {
            "url" => new WebMetric { Url = text },
            "header" => new WebMetric { Url = Endpoint.Url("metrics"), Headers = [new WebHeader { Key = "Authorization", Value = text }] },
            _ => new WebMetric { Url = Endpoint.Url("metrics"), Method = "POST", Body = text },
        };

        var error = await Assert.ThrowsAsync<MetricProviderException>(() => MeasureAsync(web));

        Assert.Equal(message, error.Message);
        Assert.Empty(Endpoint.Received);
    }

    [Theory]
    [InlineData("ftp://files.test/metrics?token={{args.token}}", "url \"ftp://files.test/metrics?token=*****\" is not an absolute http(s) URL")]
    [InlineData("/metrics?token={{args.token}}", "url \"/metrics?token=*****\" is not an absolute http(s) URL")]
    public async Task A_url_that_is_not_absolute_http_is_an_error_with_the_secret_masked(string url, string message)
    {
        var error = await Assert.ThrowsAsync<MetricProviderException>(() => MeasureAsync(new WebMetric { Url = url }));

        Assert.Equal(message, error.Message);
        AssertNoSecret(error);
    }

    private Task<ProviderResult> MeasureAsync(WebMetric web) =>
        new WebMetricProvider(_http).MeasureAsync(new MetricQuery(Metric(web), _arguments, "production"), CancellationToken.None);

    private static Metric Metric(WebMetric web) => new() { Name = "smoke", Provider = new MetricProvider { Web = web } };

    /// <summary>Nothing a person or a log can see: the message, the shown query, nor the exception as logged (inner ones included).</summary>
    private static void AssertNoSecret(MetricProviderException error)
    {
        Assert.DoesNotContain(_secret, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_secret, error.ShownQuery, StringComparison.Ordinal);
        Assert.DoesNotContain(_secret, error.ToString(), StringComparison.Ordinal);
    }
}
