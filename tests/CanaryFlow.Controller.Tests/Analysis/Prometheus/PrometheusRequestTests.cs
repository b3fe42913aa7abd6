using System.Text;
using CanaryFlow.Controller.Analysis.Prometheus;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

namespace CanaryFlow.Controller.Tests.Analysis.Prometheus;

/// <summary>
/// What the client puts on the wire (method, URL, form, headers, credentials), seen by the workload app's recorder
/// endpoint over real HTTP: Prometheus cannot tell a test which headers it received. Prometheus itself checks basic
/// auth in PrometheusBasicAuthTests, and a proxy in front of it bearer tokens in PrometheusBearerAuthTests.
/// </summary>
public sealed class PrometheusRequestTests : IAsyncLifetime
{
    private const string _token = "s3cr3t-bearer-token";
    private readonly HttpClient _http = new();
    private readonly RecordingLogger _logger = new();
    private WorkloadApp _workload = null!;

    public async Task InitializeAsync() => _workload = await WorkloadApp.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _workload.DisposeAsync();
    }

    [Fact]
    public async Task A_get_carries_the_parameters_in_the_url_and_credentials_only_in_headers()
    {
        var client = Client(o => o with
        {
            Headers = new Dictionary<string, string> { ["X-Scope-OrgID"] = "tenant-a" },
            Authentication = new PrometheusBearerAuthentication(_token),
        });
        var query = new PrometheusQuery("up{job=\"a b\"}") { Time = new DateTimeOffset(2020, 1, 1, 0, 0, 0, 123, TimeSpan.Zero), Timeout = TimeSpan.FromSeconds(2.5) };

        await client.QueryAsync(query, CancellationToken.None);

        var request = Assert.Single(_workload.RecordedRequests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/recorder/api/v1/query?query=up%7Bjob%3D%22a%20b%22%7D&time=1577836800.123&timeout=2.5", request.PathAndQuery);
        Assert.Equal("Bearer " + _token, request.Headers["Authorization"]);
        Assert.Equal("tenant-a", request.Headers["X-Scope-OrgID"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.DoesNotContain(_token, request.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains(_logger.Entries, e => e.Message.Contains("up{job=\"a b\"}", StringComparison.Ordinal));
        Assert.All(_logger.Entries, e =>
        {
            Assert.DoesNotContain(_token, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("tenant-a", e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_post_sends_the_parameters_form_encoded()
    {
        var client = Client(o => o with { Method = PrometheusQueryMethod.Post, Authentication = new PrometheusBasicAuthentication("user", "pa:ss wörd") });

        await client.QueryAsync(new PrometheusQuery("sum(rate(x[5m])) > 0.5") { Timeout = TimeSpan.FromMilliseconds(1500) }, CancellationToken.None);

        var request = Assert.Single(_workload.RecordedRequests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/recorder/api/v1/query", request.PathAndQuery);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, string> { ["query"] = "sum(rate(x[5m])) > 0.5", ["timeout"] = "1.5" }, request.Form);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:pa:ss wörd")), request.Headers["Authorization"]);
    }

    [Fact]
    public async Task Auto_switches_to_post_once_the_parameters_are_longer_than_the_get_limit()
    {
        var client = Client(o => o with { MaxGetParametersLength = 100 });

        await client.QueryAsync(new string('1', 50), CancellationToken.None);
        await client.QueryAsync(new string('1', 150), CancellationToken.None);

        Assert.Equal(["GET", "POST"], _workload.RecordedRequests.Select(r => r.Method));
    }

    [Fact]
    public async Task An_address_with_a_path_prefix_keeps_it_with_or_without_a_trailing_slash()
    {
        var withoutSlash = new Uri(_workload.BaseAddress, "recorder");
        var client = new PrometheusClient(_http, new PrometheusClientOptions { Address = withoutSlash });

        await client.QueryAsync("up", CancellationToken.None);

        Assert.Equal("/recorder/api/v1/query?query=up", Assert.Single(_workload.RecordedRequests).PathAndQuery);
    }

    [Fact]
    public void Options_and_credentials_print_without_secrets()
    {
        var options = new PrometheusClientOptions
        {
            Address = _workload.RecorderAddress,
            Headers = new Dictionary<string, string> { ["X-Api-Key"] = "key-value-1" },
            Authentication = new PrometheusBasicAuthentication("user", "hunter2"),
        };

        var printed = options.ToString();

        Assert.Contains("X-Api-Key", printed, StringComparison.Ordinal);
        Assert.Contains("Basic user:<redacted>", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("key-value-1", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", printed, StringComparison.Ordinal);
        Assert.Equal("Bearer <redacted>", new PrometheusBearerAuthentication(_token).ToString());
    }

    private PrometheusClient Client(Func<PrometheusClientOptions, PrometheusClientOptions> configure) =>
        new(_http, configure(new PrometheusClientOptions { Address = _workload.RecorderAddress }), _logger);
}
