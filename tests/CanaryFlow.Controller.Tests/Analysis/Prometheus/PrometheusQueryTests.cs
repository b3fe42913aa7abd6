using System.Net;
using CanaryFlow.Controller.Analysis.Prometheus;
using CanaryFlow.Controller.Tests.Infrastructure.Prometheus;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.Controller.Tests.Analysis.Prometheus;

/// <summary>Instant queries against the real Prometheus scraping the test workload: every result type and the values Prometheus writes.</summary>
[Collection(PrometheusCollection.Name)]
public sealed class PrometheusQueryTests(PrometheusFixture prometheus)
{
    private static readonly TimeSpan _eventually = TimeSpan.FromSeconds(30);
    private readonly PrometheusClient _client = prometheus.CreateClient();

    [Fact]
    public async Task A_counter_selector_returns_a_vector_with_every_series_and_its_labels()
    {
        var result = await _client.QueryAsync("http_requests_total", CancellationToken.None);

        Assert.Equal(PrometheusResultType.Vector, result.ResultType);
        Assert.Empty(result.Warnings);
        var series = result.Samples.Select(s => $"{s.Labels["version"]}/{s.Labels["code"]}").Order(StringComparer.Ordinal);
        Assert.Equal(["canary/200", "canary/500", "stable/200", "stable/500"], series);
        Assert.All(result.Samples, s =>
        {
            Assert.Equal("http_requests_total", s.Labels["__name__"]);
            Assert.Equal("workload", s.Labels["job"]);
            Assert.Equal(prometheus.Workload.Target, s.Labels["instance"]);
            Assert.True(s.Value >= 0, $"{s.Value} is not a counter value");
            Assert.Null(s.Histogram);
        });
        Assert.True(result.Samples.Single(s => s.Labels["version"] == "stable" && s.Labels["code"] == "200").Value > 0);
    }

    [Fact]
    public async Task The_error_ratio_follows_the_rate_the_workload_serves()
    {
        var canaryRatio = WorkloadApp.ErrorRatioQuery("canary");
        var stableRatio = WorkloadApp.ErrorRatioQuery("stable");
        try
        {
            prometheus.Workload.SetErrorRatio("canary", 0.25);

            var quarter = await RatioAsync(canaryRatio, 0.25);
            Assert.Empty(quarter.Samples.Single().Labels);
            Assert.Equal(0, (await _client.QueryAsync(stableRatio, CancellationToken.None)).Samples.Single().Value);

            prometheus.Workload.SetErrorRatio("canary", 0.5);
            await RatioAsync(canaryRatio, 0.5);
        }
        finally
        {
            prometheus.Workload.SetErrorRatio("canary", 0);
        }
    }

    [Theory]
    [InlineData("1+1", 2)]
    [InlineData("scalar(vector(0.25))", 0.25)]
    [InlineData("1e-7", 1e-7)]
    [InlineData("1.5e21", 1.5e21)]
    [InlineData("-0.5", -0.5)]
    public async Task A_scalar_expression_returns_a_scalar(string expression, double expected)
    {
        var result = await _client.QueryAsync(expression, CancellationToken.None);

        Assert.Equal(PrometheusResultType.Scalar, result.ResultType);
        Assert.Equal(expected, result.Scalar!.Value.Value);
        Assert.Empty(result.Samples);
        Assert.False(result.IsEmpty);
    }

    [Fact]
    public async Task Scalar_of_a_counter_sum_is_its_current_value()
    {
        var result = await _client.QueryAsync("scalar(sum(http_requests_total{version=\"stable\"}))", CancellationToken.None);

        Assert.Equal(PrometheusResultType.Scalar, result.ResultType);
        Assert.True(result.Scalar!.Value.Value > 0);
    }

    [Theory]
    [InlineData("0/0", double.NaN)]
    [InlineData("1/0", double.PositiveInfinity)]
    [InlineData("-1/0", double.NegativeInfinity)]
    [InlineData("scalar(http_requests_total)", double.NaN)]
    public async Task NaN_and_infinities_arrive_as_the_special_values(string expression, double expected)
    {
        var result = await _client.QueryAsync(expression, CancellationToken.None);

        Assert.Equal(PrometheusResultType.Scalar, result.ResultType);
        Assert.Equal(expected, result.Scalar!.Value.Value);
    }

    [Theory]
    [InlineData("vector(0) / 0", double.NaN)]
    [InlineData("vector(1) / 0", double.PositiveInfinity)]
    [InlineData("vector(-1) / 0", double.NegativeInfinity)]
    public async Task NaN_and_infinities_inside_a_vector_arrive_as_the_special_values(string expression, double expected)
    {
        var result = await _client.QueryAsync(expression, CancellationToken.None);

        Assert.Equal(PrometheusResultType.Vector, result.ResultType);
        Assert.Equal(expected, Assert.Single(result.Samples).Value);
    }

    [Fact]
    public async Task A_string_literal_returns_a_string()
    {
        var result = await _client.QueryAsync("\"abc\"", CancellationToken.None);

        Assert.Equal(PrometheusResultType.String, result.ResultType);
        Assert.Equal("abc", result.String!.Value);
    }

    [Fact]
    public async Task A_range_selector_returns_a_matrix_of_scraped_points()
    {
        var result = await Eventually.UntilAsync(
            () => _client.QueryAsync("http_requests_total{version=\"canary\",code=\"200\"}[5s]", CancellationToken.None),
            r => r.Matrix.Count == 1 && r.Matrix[0].Points.Count >= 2,
            "two scrapes inside a 5s range",
            _eventually);

        Assert.Equal(PrometheusResultType.Matrix, result.ResultType);
        var series = result.Matrix.Single();
        Assert.Equal("canary", series.Labels["version"]);
        Assert.Empty(series.Histograms);
        Assert.All(series.Points.Zip(series.Points.Skip(1)), pair =>
        {
            Assert.True(pair.Second.Timestamp > pair.First.Timestamp, "points are oldest first");
            Assert.True(pair.Second.Value >= pair.First.Value, "a counter does not decrease");
        });
    }

    [Theory]
    [InlineData("http_requests_total{version=\"none\"}", PrometheusResultType.Vector)]
    [InlineData("http_requests_total{version=\"none\"}[5s]", PrometheusResultType.Matrix)]
    public async Task A_selector_without_series_is_an_empty_result_not_an_error(string expression, PrometheusResultType type)
    {
        var result = await _client.QueryAsync(expression, CancellationToken.None);

        Assert.Equal(type, result.ResultType);
        Assert.True(result.IsEmpty);
        Assert.Empty(result.Samples);
        Assert.Empty(result.Matrix);
    }

    [Fact]
    public async Task A_parse_error_is_bad_data_with_the_position_prometheus_names()
    {
        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => _client.QueryAsync("sum(rate(http_requests_total[5m])", CancellationToken.None));

        Assert.Equal(PrometheusErrorType.BadData, error.ErrorType);
        Assert.Equal("bad_data", error.ErrorTypeName);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("invalid parameter \"query\": 1:34: parse error: unclosed left parenthesis", error.ServerMessage);
        Assert.Contains("1:34: parse error", error.Message, StringComparison.Ordinal);
        Assert.Contains(prometheus.Address.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_evaluation_error_is_execution_with_422()
    {
        var error = await Assert.ThrowsAsync<PrometheusQueryException>(
            () => _client.QueryAsync("http_requests_total + on() group_left http_requests_total", CancellationToken.None));

        Assert.Equal(PrometheusErrorType.Execution, error.ErrorType);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.StartsWith("found duplicate series for the match group {} on the right hand-side of the operation", error.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_time_parameter_sets_the_evaluation_instant_to_the_millisecond()
    {
        var at = new DateTimeOffset(2020, 1, 1, 0, 0, 0, 123, TimeSpan.Zero);

        var result = await _client.QueryAsync(new PrometheusQuery("1+1") { Time = at }, CancellationToken.None);

        Assert.Equal(at, result.Scalar!.Value.Timestamp);
    }

    [Fact]
    public async Task The_timeout_parameter_stops_a_slow_evaluation_on_the_server()
    {
        // 3.6 million subquery steps take Prometheus about a second; 10 ms is far too short for them.
        var slow = new PrometheusQuery("sum(count_over_time(vector(1)[1h:1ms]))") { Timeout = TimeSpan.FromMilliseconds(10) };

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => _client.QueryAsync(slow, CancellationToken.None));

        Assert.Equal(PrometheusErrorType.Timeout, error.ErrorType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Contains("timed out", error.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_very_long_query_is_posted_form_encoded_and_answered()
    {
        using var recording = new MethodRecordingHandler();
        using var http = new HttpClient(recording);
        var client = new PrometheusClient(http, new PrometheusClientOptions { Address = prometheus.Address });
        var longQuery = $"http_requests_total{{version=\"canary\",code=\"200\",instance!=\"{new string('x', 200_000)}\"}}";

        var result = await client.QueryAsync(longQuery, CancellationToken.None);

        Assert.Equal("canary", Assert.Single(result.Samples).Labels["version"]);
        var (method, urlLength) = Assert.Single(recording.Sent);
        Assert.Equal(HttpMethod.Post, method);
        Assert.True(urlLength < 100, "the query is in the body, not the URL");
    }

    [Theory]
    [InlineData(PrometheusQueryMethod.Get)]
    [InlineData(PrometheusQueryMethod.Post)]
    public async Task Get_and_post_give_the_same_answer(PrometheusQueryMethod method)
    {
        using var recording = new MethodRecordingHandler();
        using var http = new HttpClient(recording);
        var client = new PrometheusClient(http, new PrometheusClientOptions { Address = prometheus.Address, Method = method });
        var at = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var result = await client.QueryAsync(new PrometheusQuery("vector(3) * 2") { Time = at, Timeout = TimeSpan.FromSeconds(5) }, CancellationToken.None);

        Assert.Equal(6, Assert.Single(result.Samples).Value);
        Assert.Equal(at, result.Samples[0].Timestamp);
        Assert.Equal(method == PrometheusQueryMethod.Get ? HttpMethod.Get : HttpMethod.Post, Assert.Single(recording.Sent).Method);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_announced_by_content_length_is_refused_unread()
    {
        var client = prometheus.CreateClient(o => o with { MaxResponseBytes = 100 });

        var error = await Assert.ThrowsAsync<PrometheusResponseException>(() => client.QueryAsync("http_requests_total", CancellationToken.None));

        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Matches(@"answered HTTP 200 OK with a body of \d+ bytes, more than the 100 this client reads \(Content-Type: application/json\): <not read>$", error.Message);
    }

    [Fact]
    public async Task A_chunked_body_is_cut_off_once_it_passes_the_size_limit()
    {
        // Go sends a response over 2 KiB chunked, without Content-Length: the client has to count.
        var client = prometheus.CreateClient(o => o with { MaxResponseBytes = 2500 });
        var text = new string('x', 3000);

        var error = await Assert.ThrowsAsync<PrometheusResponseException>(() => client.QueryAsync($"\"{text}\"", CancellationToken.None));

        Assert.Contains("with a body of more than the 2500 bytes this client reads", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("{\"status\":\"success\"", error.BodySnippet, StringComparison.Ordinal);
        Assert.Equal(text, (await prometheus.CreateClient().QueryAsync($"\"{text}\"", CancellationToken.None)).String!.Value);
    }

    private Task<PrometheusQueryResult> RatioAsync(string query, double expected) =>
        Eventually.UntilAsync(
            () => _client.QueryAsync(query, CancellationToken.None),
            r => r.Samples.Count == 1 && Math.Abs(r.Samples[0].Value!.Value - expected) < 0.01,
            $"the error ratio to reach {expected}",
            _eventually);
}
