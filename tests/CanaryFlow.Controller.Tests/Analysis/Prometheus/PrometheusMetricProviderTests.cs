using CanaryFlow.Controller.Analysis.Providers;
using CanaryFlow.Controller.Tests.Infrastructure.Prometheus;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Controller.Tests.Analysis.Prometheus;

/// <summary>The prometheus metric provider against the real Prometheus scraping the test workload.</summary>
[Collection(PrometheusCollection.Name)]
public sealed class PrometheusMetricProviderTests(PrometheusFixture prometheus)
{
    private const string _ns = "shop";
    private readonly PrometheusMetricProvider _provider = new(prometheus.HttpClient, new InMemorySecretReader());

    [Fact]
    public void It_handles_a_prometheus_provider_block_only()
    {
        Assert.True(_provider.Handles(new MetricProvider { Prometheus = new PrometheusMetric() }));
        Assert.False(_provider.Handles(new MetricProvider { Web = new WebMetric() }));
        Assert.False(_provider.Handles(new MetricProvider()));
    }

    [Fact]
    public async Task The_canary_error_ratio_is_a_one_value_vector_with_the_argument_substituted()
    {
        try
        {
            prometheus.Workload.SetErrorRatio("canary", 0.2);
            await prometheus.WaitForValueAsync(WorkloadApp.ErrorRatioQuery("canary"), v => Math.Abs(v - 0.2) < 0.001);

            var measured = await _provider.MeasureAsync(Query(WorkloadApp.ErrorRatioQuery("{{args.version}}"), Args(("version", "canary", false))), CancellationToken.None);

            var vector = Assert.IsType<VectorData>(measured.Data);
            Assert.Equal(0.2, Assert.Single(vector.Values), 2);
            Assert.Equal(WorkloadApp.ErrorRatioQuery("canary"), measured.ShownQuery);
        }
        finally
        {
            prometheus.Workload.SetErrorRatio("canary", 0);
        }
    }

    [Theory]
    [InlineData("1+1", 2)]
    [InlineData("0/0", double.NaN)]
    [InlineData("scalar(http_requests_total)", double.NaN)]
    [InlineData("-1/0", double.NegativeInfinity)]
    public async Task A_scalar_result_is_scalar_data_nan_and_infinities_included(string expression, double expected)
    {
        var measured = await _provider.MeasureAsync(Query(expression), CancellationToken.None);

        Assert.Equal(new ScalarData(expected), measured.Data);
        Assert.Equal(expression, measured.ShownQuery);
    }

    [Fact]
    public async Task Special_values_inside_a_vector_are_kept()
    {
        var measured = await _provider.MeasureAsync(Query("vector(1) / 0"), CancellationToken.None);

        Assert.Equal([double.PositiveInfinity], Assert.IsType<VectorData>(measured.Data).Values);
    }

    [Fact]
    public async Task Every_series_of_a_vector_becomes_a_value()
    {
        var measured = await _provider.MeasureAsync(Query("sum by (version, code) (http_requests_total)"), CancellationToken.None);

        var values = Assert.IsType<VectorData>(measured.Data).Values;
        Assert.Equal(4, values.Count);
        Assert.All(values, v => Assert.True(v >= 0));
    }

    [Fact]
    public async Task A_range_selector_is_matrix_data_oldest_point_first()
    {
        await prometheus.WaitForResultAsync("http_requests_total{version=\"canary\",code=\"200\"}[3s]", r => r.Matrix.Count == 1 && r.Matrix[0].Points.Count >= 2);

        var measured = await _provider.MeasureAsync(Query("http_requests_total{version=\"canary\",code=\"200\"}[30s]"), CancellationToken.None);

        var series = Assert.Single(Assert.IsType<MatrixData>(measured.Data).Series);
        Assert.True(series.Count >= 2, $"{series.Count} points");
        Assert.All(series.Zip(series.Skip(1)), pair => Assert.True(pair.Second >= pair.First, "a counter does not decrease"));
    }

    [Fact]
    public async Task A_string_result_is_text_data()
    {
        var measured = await _provider.MeasureAsync(Query("\"{{args.word}}\"", Args(("word", "ok", false))), CancellationToken.None);

        Assert.Equal(new TextData("ok"), measured.Data);
    }

    [Theory]
    [InlineData("http_requests_total{version=\"none\"}")]
    [InlineData("http_requests_total{version=\"none\"}[30s]")]
    [InlineData("sum(rate(http_requests_total{version=\"none\"}[30s]))")]
    public async Task An_empty_result_is_an_error_never_a_value(string expression)
    {
        var error = await Assert.ThrowsAsync<MetricProviderException>(() => _provider.MeasureAsync(Query(expression), CancellationToken.None));

        Assert.Equal($"no data: the query returned no series from Prometheus at {prometheus.Address}", error.Message);
        Assert.Equal(expression, error.ShownQuery);
    }

    [Fact]
    public async Task A_secret_argument_is_sent_but_shown_masked()
    {
        var measured = await _provider.MeasureAsync(
            Query("sum(http_requests_total{version=\"{{args.version}}\"})", Args(("version", "canary", true))),
            CancellationToken.None);

        Assert.True(Assert.Single(Assert.IsType<VectorData>(measured.Data).Values) > 0, "the real value reached Prometheus");
        Assert.Equal("sum(http_requests_total{version=\"*****\"})", measured.ShownQuery);
    }

    [Fact]
    public async Task A_secret_argument_prometheus_echoes_in_its_error_is_masked_in_the_message()
    {
        // Prometheus quotes a regexp it cannot compile: the secret comes back in its bad_data message.
        var error = await Assert.ThrowsAsync<MetricProviderException>(() => _provider.MeasureAsync(
            Query("up{job=~\"{{args.pattern}}\"}", Args(("pattern", "tenant-9f3a(", true))),
            CancellationToken.None));

        Assert.StartsWith($"Prometheus at {prometheus.Address} rejected the query (bad_data, HTTP 400): invalid parameter \"query\": ", error.Message, StringComparison.Ordinal);
        Assert.Contains("error parsing regexp: missing closing ): `^(?:*****)$`", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tenant-9f3a", error.ToString(), StringComparison.Ordinal);
        Assert.Null(error.InnerException);
        Assert.Equal("up{job=~\"*****\"}", error.ShownQuery);
    }

    [Fact]
    public async Task A_secret_argument_of_an_empty_result_stays_masked()
    {
        var error = await Assert.ThrowsAsync<MetricProviderException>(() => _provider.MeasureAsync(
            Query("http_requests_total{version=\"{{args.version}}\"}", Args(("version", "retired-v0", true))),
            CancellationToken.None));

        Assert.StartsWith("no data:", error.Message, StringComparison.Ordinal);
        Assert.Equal("http_requests_total{version=\"*****\"}", error.ShownQuery);
        Assert.DoesNotContain("retired-v0", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_error_names_the_address_and_keeps_prometheus_message()
    {
        var error = await Assert.ThrowsAsync<MetricProviderException>(() => _provider.MeasureAsync(Query("sum(rate(http_requests_total[5m])"), CancellationToken.None));

        Assert.Equal($"Prometheus at {prometheus.Address} rejected the query (bad_data, HTTP 400): invalid parameter \"query\": 1:34: parse error: unclosed left parenthesis", error.Message);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public async Task An_unknown_argument_is_an_error_and_nothing_is_sent()
    {
        var error = await Assert.ThrowsAsync<MetricProviderException>(() => _provider.MeasureAsync(Query("up{job=\"{{args.missing}}\"}"), CancellationToken.None));

        Assert.Equal("query: unknown argument missing in \"up{job=\"{{args.missing}}\"}\"", error.Message);
    }

    [Fact]
    public async Task The_metric_timeout_is_prometheus_evaluation_timeout()
    {
        // 3.6 million subquery steps take Prometheus about a second; 10 ms is far too short for them. On a starved
        // machine Prometheus may not even answer its own timeout within the client's margin (5 s): that attempt
        // says nothing about the parameter, so it is taken again, at most twice.
        MetricProviderException error;
        var attempts = 0;
        do
        {
            error = await Assert.ThrowsAsync<MetricProviderException>(() => _provider.MeasureAsync(
                Query("sum(count_over_time(vector(1)[1h:1ms]))", timeout: "10ms"),
                CancellationToken.None));
        }
        while (++attempts < 3 && error.Message.Contains(" did not answer", StringComparison.Ordinal));

        Assert.StartsWith($"Prometheus at {prometheus.Address} rejected the query (timeout, HTTP 503): ", error.Message, StringComparison.Ordinal);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10x", "is not a duration")]
    [InlineData("-5s", "is not a duration")]
    [InlineData("0s", "must be longer than zero")]
    public async Task A_timeout_that_is_not_a_positive_duration_is_an_error(string timeout, string problem)
    {
        var error = await Assert.ThrowsAsync<MetricProviderException>(() => _provider.MeasureAsync(Query("1", timeout: timeout), CancellationToken.None));

        Assert.StartsWith($"Prometheus at {prometheus.Address}: timeout \"{timeout}\" ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_argument_is_substituted()
    {
        var measured = await _provider.MeasureAsync(
            Query("2*3", Args(("prometheus", prometheus.Address.ToString(), false)), address: "{{args.prometheus}}"),
            CancellationToken.None);

        Assert.Equal(new ScalarData(6), measured.Data);
    }

    [Theory]
    [InlineData("prometheus.monitoring:9090", "is not an absolute http(s) URL")]
    [InlineData("", "is not an absolute http(s) URL")]
    [InlineData("http://admin:pw-in-url@127.0.0.1:9/", "carries credentials")]
    public async Task An_unusable_address_is_an_error_that_does_not_echo_credentials(string address, string problem)
    {
        var error = await Assert.ThrowsAsync<MetricProviderException>(() => _provider.MeasureAsync(Query("1", address: address), CancellationToken.None));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-in-url", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_prometheus_is_an_error_naming_the_address()
    {
        var nobody = new Uri($"http://127.0.0.1:{FreePort.Next()}/");

        var error = await Assert.ThrowsAsync<MetricProviderException>(() => _provider.MeasureAsync(Query("1", address: nobody.ToString()), CancellationToken.None));

        Assert.StartsWith($"Cannot reach Prometheus at {nobody} (ConnectionError): ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_client_serves_every_measurement_with_the_same_address_credentials_headers_and_timeout()
    {
        var provider = new PrometheusMetricProvider(prometheus.HttpClient, new InMemorySecretReader());

        await provider.MeasureAsync(Query("1"), CancellationToken.None);
        await provider.MeasureAsync(Query("2"), CancellationToken.None);
        Assert.Equal(1, provider.CachedClients);

        await provider.MeasureAsync(Query("3", timeout: "5s"), CancellationToken.None);
        await provider.MeasureAsync(Query("4", headers: [new WebHeader { Key = "X-Scope-OrgID", Value = "a" }]), CancellationToken.None);
        await provider.MeasureAsync(Query("5", headers: [new WebHeader { Key = "X-Scope-OrgID", Value = "a" }]), CancellationToken.None);
        Assert.Equal(3, provider.CachedClients);
    }

    internal static Dictionary<string, ArgumentValue> Args(params (string Name, string Value, bool Secret)[] arguments) =>
        arguments.ToDictionary(a => a.Name, a => new ArgumentValue(a.Value, a.Secret), StringComparer.Ordinal);

    private MetricQuery Query(string expression, Dictionary<string, ArgumentValue>? arguments = null, string? timeout = null, string? address = null, IReadOnlyList<WebHeader>? headers = null) =>
        Measurement(new PrometheusMetric { Address = address ?? prometheus.Address.ToString(), Query = expression, Timeout = timeout, Headers = headers }, arguments);

    internal static MetricQuery Measurement(PrometheusMetric metric, Dictionary<string, ArgumentValue>? arguments = null) =>
        new(new Metric { Name = "error-ratio", Provider = new MetricProvider { Prometheus = metric } }, arguments ?? [], _ns);
}
