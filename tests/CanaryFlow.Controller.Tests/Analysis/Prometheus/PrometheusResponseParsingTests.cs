using System.Net;
using CanaryFlow.Controller.Analysis.Prometheus;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

namespace CanaryFlow.Controller.Tests.Analysis.Prometheus;

/// <summary>
/// Response shapes of kubernetes-api.md §10 that a real Prometheus 2.42 scraping a counter cannot be made to send
/// (infos, native histograms, the error types beyond bad_data, execution and timeout, proxies' answers), through a
/// canned HTTP handler. The real ones are in PrometheusQueryTests and PrometheusWarningTests.
/// </summary>
public sealed class PrometheusResponseParsingTests
{
    private static readonly Uri _address = new("http://prometheus.test:9090/");

    [Fact]
    public async Task The_documented_vector_is_read_with_labels_exact_timestamps_and_value()
    {
        var result = await QueryAsync("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up","job":"web","instance":"10.0.0.5:8080"},"value":[1435781451.781,"1"]}]}}""");

        var sample = Assert.Single(result.Samples);
        Assert.Equal(new Dictionary<string, string> { ["__name__"] = "up", ["job"] = "web", ["instance"] = "10.0.0.5:8080" }, sample.Labels);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1435781451781), sample.Timestamp);
        Assert.Equal(1, sample.Value);
        Assert.Empty(result.Warnings);
        Assert.Empty(result.Infos);
    }

    [Theory]
    [InlineData("1435781451", 1435781451000)]
    [InlineData("1435781451.005", 1435781451005)]
    [InlineData("1435781451.5", 1435781451500)]
    public async Task Integral_and_zero_padded_timestamps_are_exact(string timestamp, long unixMilliseconds)
    {
        var result = await QueryAsync($$$"""{"status":"success","data":{"resultType":"scalar","result":[{{{timestamp}}},"0.5"]}}""");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds), result.Scalar!.Value.Timestamp);
    }

    [Theory]
    [InlineData("0.92", 0.92)]
    [InlineData("1e-07", 1e-7)]
    [InlineData("1.5e+21", 1.5e21)]
    [InlineData("-0", 0)]
    [InlineData("NaN", double.NaN)]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    public async Task Go_float_strings_and_the_special_values_are_read(string value, double expected)
    {
        var result = await QueryAsync($$$"""{"status":"success","data":{"resultType":"scalar","result":[1,"{{{value}}}"]}}""");

        Assert.Equal(expected, result.Scalar!.Value.Value);
    }

    [Fact]
    public async Task The_documented_matrix_keeps_nan_and_infinity_points()
    {
        var result = await QueryAsync("""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"job":"web"},"values":[[1435781430.781,"0.92"],[1435781445.781,"NaN"],[1435781460.781,"+Inf"]]}]}}""");

        var series = Assert.Single(result.Matrix);
        Assert.Equal("web", series.Labels["job"]);
        Assert.Equal([0.92, double.NaN, double.PositiveInfinity], series.Points.Select(p => p.Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1435781445781), series.Points[1].Timestamp);
    }

    [Fact]
    public async Task The_documented_string_result_is_read()
    {
        var result = await QueryAsync("""{"status":"success","data":{"resultType":"string","result":[1435781451.781,"hello"]}}""");

        Assert.Equal(new PrometheusStringValue(DateTimeOffset.FromUnixTimeMilliseconds(1435781451781), "hello"), result.String);
    }

    [Fact]
    public async Task Native_histogram_samples_are_read_and_have_no_float_value()
    {
        var result = await QueryAsync("""
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"__name__":"latency"},"histogram":[1700000000.5,{"count":"10","sum":"3.5","buckets":[[0,"0.5","1","4"],[3,"1","2","6"]]}]}]}}
            """);

        var sample = Assert.Single(result.Samples);
        Assert.Null(sample.Value);
        Assert.Equal(10, sample.Histogram!.Count);
        Assert.Equal(3.5, sample.Histogram.Sum);
        Assert.Equal([new PrometheusHistogramBucket(0, 0.5, 1, 4), new PrometheusHistogramBucket(3, 1, 2, 6)], sample.Histogram.Buckets);
    }

    [Fact]
    public async Task A_matrix_series_may_carry_histograms()
    {
        var result = await QueryAsync("""
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{},"histograms":[[1700000000,{"count":"2","sum":"1","buckets":[]}]]}]}}
            """);

        var series = Assert.Single(result.Matrix);
        Assert.Empty(series.Points);
        Assert.Empty(series.Labels);
        Assert.Equal(2, Assert.Single(series.Histograms).Histogram.Count);
    }

    [Fact]
    public async Task Warnings_and_infos_are_kept_and_logged()
    {
        var logger = new RecordingLogger();
        var result = await QueryAsync(
            """
            {"status":"success","data":{"resultType":"vector","result":[]},
             "warnings":["results truncated due to limit"],
             "infos":["PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \"x\""]}
            """,
            logger);

        Assert.True(result.IsEmpty);
        Assert.Equal(["results truncated due to limit"], result.Warnings);
        Assert.Equal(["PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \"x\""], result.Infos);
        Assert.Contains(logger.Entries, e => e.Message.Contains("results truncated due to limit", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("bad_data", HttpStatusCode.BadRequest, PrometheusErrorType.BadData)]
    [InlineData("execution", HttpStatusCode.UnprocessableEntity, PrometheusErrorType.Execution)]
    [InlineData("timeout", HttpStatusCode.ServiceUnavailable, PrometheusErrorType.Timeout)]
    [InlineData("canceled", (HttpStatusCode)499, PrometheusErrorType.Canceled)]
    [InlineData("internal", HttpStatusCode.InternalServerError, PrometheusErrorType.Internal)]
    [InlineData("unavailable", HttpStatusCode.InternalServerError, PrometheusErrorType.Unavailable)]
    [InlineData("not_found", HttpStatusCode.NotFound, PrometheusErrorType.NotFound)]
    [InlineData("not_acceptable", HttpStatusCode.NotAcceptable, PrometheusErrorType.NotAcceptable)]
    [InlineData("something_new", HttpStatusCode.InternalServerError, PrometheusErrorType.Unknown)]
    public async Task Every_error_type_maps_to_a_query_exception(string errorType, HttpStatusCode status, PrometheusErrorType expected)
    {
        using var http = StubHttpHandler.Json($$"""{"status":"error","errorType":"{{errorType}}","error":"it went wrong"}""", status);

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => Client(http).QueryAsync("up", CancellationToken.None));

        Assert.Equal(expected, error.ErrorType);
        Assert.Equal(errorType, error.ErrorTypeName);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("it went wrong", error.ServerMessage);
        Assert.Equal($"Prometheus at {_address} rejected the query ({errorType}, HTTP {(int)status}): it went wrong", error.Message);
    }

    [Fact]
    public async Task A_proxys_html_502_is_a_response_error_naming_the_status_and_a_snippet()
    {
        using var http = StubHttpHandler.Client(HttpStatusCode.BadGateway, "text/html", "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>nginx</body></html>");

        var error = await Assert.ThrowsAsync<PrometheusResponseException>(() => Client(http).QueryAsync("up", CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal("text/html", error.ContentType);
        Assert.Equal("<html>  <head><title>502 Bad Gateway</title></head>  <body>nginx</body></html>", error.BodySnippet);
        Assert.StartsWith($"Prometheus at {_address} answered HTTP 502 BadGateway with a body that is not a Prometheus API response (Content-Type: text/html): <html>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_body_is_cut_to_a_short_snippet()
    {
        using var http = StubHttpHandler.Client(HttpStatusCode.ServiceUnavailable, "text/plain", new string('x', 10_000));

        var error = await Assert.ThrowsAsync<PrometheusResponseException>(() => Client(http).QueryAsync("up", CancellationToken.None));

        Assert.Equal(new string('x', 300) + "…", error.BodySnippet);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, """{"message":"forbidden"}""", "without the Prometheus envelope")]
    [InlineData(HttpStatusCode.OK, "", "not a Prometheus API response")]
    [InlineData(HttpStatusCode.OK, "null", "without the Prometheus envelope")]
    [InlineData(HttpStatusCode.OK, """{"status":"success"}""", "success response without \"data\"")]
    [InlineData(HttpStatusCode.OK, """{"status":"success","data":{"resultType":"vector"}}""", "without \"data.result\"")]
    [InlineData(HttpStatusCode.OK, """{"status":"success","data":{"resultType":"histogram","result":[]}}""", "unknown resultType \"histogram\"")]
    [InlineData(HttpStatusCode.OK, """{"status":"success","data":{"resultType":"scalar","result":[1,"abc"]}}""", "the sample value \"abc\" is not a number")]
    [InlineData(HttpStatusCode.OK, """{"status":"success","data":{"resultType":"scalar","result":["1","2"]}}""", "expected Number")]
    [InlineData(HttpStatusCode.OK, """{"status":"success","data":{"resultType":"vector","result":[{"metric":{}}]}}""", "neither \"value\" nor \"histogram\"")]
    public async Task Bodies_that_are_not_a_valid_envelope_are_response_errors_never_empty_results(HttpStatusCode status, string body, string problem)
    {
        using var http = StubHttpHandler.Json(body, status);

        var error = await Assert.ThrowsAsync<PrometheusResponseException>(() => Client(http).QueryAsync("up", CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    private static async Task<PrometheusQueryResult> QueryAsync(string body, RecordingLogger? logger = null)
    {
        using var http = StubHttpHandler.Json(body);
        return await Client(http, logger).QueryAsync("up", CancellationToken.None);
    }

    private static PrometheusClient Client(HttpClient http, RecordingLogger? logger = null) =>
        new(http, new PrometheusClientOptions { Address = _address }, logger);
}
