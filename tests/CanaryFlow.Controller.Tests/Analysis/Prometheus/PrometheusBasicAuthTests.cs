using System.Net;
using CanaryFlow.Controller.Analysis.Prometheus;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

namespace CanaryFlow.Controller.Tests.Analysis.Prometheus;

/// <summary>Basic auth checked by the real Prometheus itself (<c>--web.config.file</c> with <c>basic_auth_users</c>).</summary>
[Collection(SecuredPrometheusCollection.Name)]
public sealed class PrometheusBasicAuthTests(SecuredPrometheusFixture secured)
{
    private const string _user = SecuredPrometheusFixture.User;
    private const string _password = SecuredPrometheusFixture.Password;
    private readonly HttpClient _http = secured.HttpClient;

    [Fact]
    public async Task Without_credentials_prometheus_answers_401_which_is_a_response_error()
    {
        var client = new PrometheusClient(_http, new PrometheusClientOptions { Address = secured.Server.Address });

        var error = await Assert.ThrowsAsync<PrometheusResponseException>(() => client.QueryAsync("1+1", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("Unauthorized", error.BodySnippet);
        Assert.Contains("HTTP 401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_rejected_and_not_repeated_in_the_error_or_the_log()
    {
        var logger = new RecordingLogger();
        var client = new PrometheusClient(_http, new PrometheusClientOptions
        {
            Address = secured.Server.Address,
            Authentication = new PrometheusBasicAuthentication(_user, "wrong-password-42"),
        }, logger);

        var error = await Assert.ThrowsAsync<PrometheusResponseException>(() => client.QueryAsync("1+1", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.DoesNotContain("wrong-password-42", error.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(logger.Entries);
        Assert.All(logger.Entries, e => Assert.DoesNotContain("wrong-password-42", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_right_password_is_accepted()
    {
        var client = new PrometheusClient(_http, new PrometheusClientOptions
        {
            Address = secured.Server.Address,
            Authentication = new PrometheusBasicAuthentication(_user, _password),
        });

        var result = await client.QueryAsync("1+1", CancellationToken.None);

        Assert.Equal(2, result.Scalar!.Value.Value);
    }
}
