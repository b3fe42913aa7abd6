using CanaryFlow.Controller.Analysis;
using CanaryFlow.Controller.Analysis.Providers;
using CanaryFlow.Controller.Tests.Infrastructure.Prometheus;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;
using static CanaryFlow.Controller.Tests.Analysis.Prometheus.PrometheusMetricProviderTests;
using SpecAuthentication = CanaryFlow.Core.Api.PrometheusAuthentication;

namespace CanaryFlow.Controller.Tests.Analysis.Prometheus;

/// <summary>The provider's basic-auth credentials, read from a Secret, checked by the real Prometheus itself.</summary>
[Collection(SecuredPrometheusCollection.Name)]
public sealed class PrometheusMetricProviderBasicAuthTests(SecuredPrometheusFixture secured)
{
    private const string _ns = "shop";
    private static readonly SecretKeySelector _passwordRef = new() { Name = "prometheus-credentials", Key = "password" };

    [Fact]
    public async Task The_password_from_the_secret_of_the_runs_namespace_is_accepted()
    {
        var secrets = new InMemorySecretReader().Add(_ns, "prometheus-credentials", "password", SecuredPrometheusFixture.Password + "\n");
        var provider = new PrometheusMetricProvider(secured.HttpClient, secrets);

        var measured = await provider.MeasureAsync(Basic(SecuredPrometheusFixture.User), CancellationToken.None);

        Assert.Equal(new ScalarData(2), measured.Data);
        Assert.Equal(1, secrets.Reads);
    }

    [Fact]
    public async Task A_wrong_password_is_prometheus_401_and_the_password_appears_nowhere()
    {
        var secrets = new InMemorySecretReader().Add(_ns, "prometheus-credentials", "password", "expired-pass-31");
        var provider = new PrometheusMetricProvider(secured.HttpClient, secrets);

        var error = await Assert.ThrowsAsync<MetricProviderException>(() => provider.MeasureAsync(Basic(SecuredPrometheusFixture.User), CancellationToken.None));

        Assert.Equal($"Prometheus at {secured.Server.Address} answered HTTP 401 Unauthorized with a body that is not a Prometheus API response (Content-Type: text/plain; charset=utf-8): Unauthorized", error.Message);
        Assert.DoesNotContain("expired-pass-31", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_secret_is_an_error_naming_the_address_and_the_secret()
    {
        var provider = new PrometheusMetricProvider(secured.HttpClient, new InMemorySecretReader());

        var error = await Assert.ThrowsAsync<MetricProviderException>(() => provider.MeasureAsync(Basic(SecuredPrometheusFixture.User), CancellationToken.None));

        Assert.Equal(
            $"Prometheus at {secured.Server.Address}: the credentials of authentication.basic.passwordSecretRef cannot be read: Secret shop/prometheus-credentials has no key password",
            error.Message);
        Assert.IsType<SecretUnavailableException>(error.InnerException);
        Assert.Equal("1+1", error.ShownQuery);
    }

    [Fact]
    public async Task A_secret_reference_without_a_key_is_an_error()
    {
        var provider = new PrometheusMetricProvider(secured.HttpClient, new InMemorySecretReader());
        var query = Measurement(new PrometheusMetric
        {
            Address = secured.Server.Address.ToString(),
            Query = "1+1",
            Authentication = new SpecAuthentication { BearerTokenSecretRef = new SecretKeySelector { Name = "token" } },
        });

        var error = await Assert.ThrowsAsync<MetricProviderException>(() => provider.MeasureAsync(query, CancellationToken.None));

        Assert.Equal($"Prometheus at {secured.Server.Address}: authentication.bearerTokenSecretRef needs a Secret name and key", error.Message);
    }

    [Fact]
    public async Task Basic_and_bearer_together_are_ambiguous()
    {
        var provider = new PrometheusMetricProvider(secured.HttpClient, new InMemorySecretReader());
        var query = Measurement(new PrometheusMetric
        {
            Address = secured.Server.Address.ToString(),
            Query = "1+1",
            Authentication = new SpecAuthentication
            {
                Basic = new BasicAuthentication { Username = "a", PasswordSecretRef = _passwordRef },
                BearerTokenSecretRef = _passwordRef,
            },
        });

        var error = await Assert.ThrowsAsync<MetricProviderException>(() => provider.MeasureAsync(query, CancellationToken.None));

        Assert.Contains("sets both basic and bearerTokenSecretRef", error.Message, StringComparison.Ordinal);
    }

    private MetricQuery Basic(string user) => Measurement(new PrometheusMetric
    {
        Address = secured.Server.Address.ToString(),
        Query = "1+1",
        Authentication = new SpecAuthentication { Basic = new BasicAuthentication { Username = user, PasswordSecretRef = _passwordRef } },
    });
}

/// <summary>The provider's bearer token, read from a Secret, checked by an authenticating proxy in front of the real Prometheus.</summary>
[Collection(PrometheusCollection.Name)]
public sealed class PrometheusMetricProviderBearerAuthTests(PrometheusFixture prometheus) : IAsyncLifetime
{
    private const string _ns = "shop";
    private const string _token = "bearer-token-from-secret-5c1e";
    private static readonly SecretKeySelector _tokenRef = new() { Name = "prometheus-token", Key = "token" };
    private BearerTokenProxy _proxy = null!;

    public async Task InitializeAsync() => _proxy = await BearerTokenProxy.StartAsync(prometheus.Address, _token);

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    [Fact]
    public async Task The_token_from_the_secret_reaches_prometheus_through_the_proxy()
    {
        var provider = new PrometheusMetricProvider(prometheus.HttpClient, new InMemorySecretReader().Add(_ns, "prometheus-token", "token", _token));

        var measured = await provider.MeasureAsync(Bearer("count(http_requests_total)"), CancellationToken.None);

        Assert.Equal([4.0], Assert.IsType<VectorData>(measured.Data).Values);
    }

    [Fact]
    public async Task A_rotated_token_is_read_again_at_the_next_measurement()
    {
        var secrets = new InMemorySecretReader().Add(_ns, "prometheus-token", "token", "old-token-before-rotation");
        var provider = new PrometheusMetricProvider(prometheus.HttpClient, secrets);

        var refused = await Assert.ThrowsAsync<MetricProviderException>(() => provider.MeasureAsync(Bearer("1"), CancellationToken.None));
        secrets.Add(_ns, "prometheus-token", "token", _token);
        var measured = await provider.MeasureAsync(Bearer("1"), CancellationToken.None);

        Assert.Contains("HTTP 401", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("old-token-before-rotation", refused.ToString(), StringComparison.Ordinal);
        Assert.Equal(new ScalarData(1), measured.Data);
    }

    private MetricQuery Bearer(string expression) => Measurement(new PrometheusMetric
    {
        Address = _proxy.Address.ToString(),
        Query = expression,
        Authentication = new SpecAuthentication { BearerTokenSecretRef = _tokenRef },
    });
}
