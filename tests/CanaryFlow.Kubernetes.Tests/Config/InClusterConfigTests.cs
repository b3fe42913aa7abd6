using CanaryFlow.Kubernetes.Config;
using Microsoft.Extensions.Time.Testing;

namespace CanaryFlow.Kubernetes.Tests.Config;

public sealed class InClusterConfigTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public InClusterConfigTests()
    {
        _directory.Write("token", "sa-token-1\n");
        _directory.Write("ca.crt", TestCertificates.AuthorityPem);
        _directory.Write("namespace", "  canaryflow-system\n");
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Loads_server_ca_token_and_namespace_from_the_service_account()
    {
        var environment = Environment(("KUBERNETES_SERVICE_HOST", "10.96.0.1"), ("KUBERNETES_SERVICE_PORT", "443"));

        Assert.True(InClusterConfig.IsAvailable(environment));
        var connection = InClusterConfig.Load(environment);

        Assert.Equal(new Uri("https://10.96.0.1:443"), connection.Server);
        Assert.Equal(443, connection.Server.Port);
        Assert.Equal(TestCertificates.Authority.Thumbprint, Assert.Single(connection.CertificateAuthorities!).Thumbprint);
        Assert.Equal("canaryflow-system", connection.Namespace);
        Assert.Equal("in-cluster service account", connection.Source);
        Assert.Null(connection.TlsServerName);
        Assert.Equal("sa-token-1", (await connection.Authentication!.GetAuthorizationAsync(CancellationToken.None))!.Parameter);
    }

    [Fact]
    public void An_ipv6_host_is_bracketed()
    {
        var connection = InClusterConfig.Load(Environment(("KUBERNETES_SERVICE_HOST", "fd00:10:96::1"), ("KUBERNETES_SERVICE_PORT", "6443")));

        Assert.Equal("https://[fd00:10:96::1]:6443/", connection.Server.ToString());
    }

    [Fact]
    public void POD_NAMESPACE_wins_over_the_namespace_file_and_default_is_the_last_resort()
    {
        var withVariable = InClusterConfig.Load(Environment(("KUBERNETES_SERVICE_HOST", "h"), ("KUBERNETES_SERVICE_PORT", "1"), ("POD_NAMESPACE", "from-env")));
        File.Delete(_directory.Combine("namespace"));
        var withNothing = InClusterConfig.Load(Environment(("KUBERNETES_SERVICE_HOST", "h"), ("KUBERNETES_SERVICE_PORT", "1")));

        Assert.Equal("from-env", withVariable.Namespace);
        Assert.Equal("default", withNothing.Namespace);
    }

    [Fact]
    public async Task The_token_is_re_read_every_minute_and_after_a_401_never_captured_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var connection = InClusterConfig.Load(Environment(("KUBERNETES_SERVICE_HOST", "h"), ("KUBERNETES_SERVICE_PORT", "443")), clock);
        var authentication = Assert.IsType<TokenFileAuthentication>(connection.Authentication);
        var first = await authentication.GetAuthorizationAsync(CancellationToken.None);

        File.WriteAllText(_directory.Combine("token"), "sa-token-2");
        clock.Advance(TimeSpan.FromMinutes(1));
        var second = await authentication.GetAuthorizationAsync(CancellationToken.None);
        File.WriteAllText(_directory.Combine("token"), "sa-token-3");
        authentication.OnUnauthorized(second);
        var third = await authentication.GetAuthorizationAsync(CancellationToken.None);

        Assert.Equal<string?[]>(["sa-token-1", "sa-token-2", "sa-token-3"], [first!.Parameter, second!.Parameter, third!.Parameter]);
    }

    [Theory]
    [InlineData(null, "443")]
    [InlineData("10.96.0.1", null)]
    [InlineData("", "443")]
    public void Without_both_service_variables_it_is_not_available(string? host, string? port)
    {
        var variables = new List<(string, string)>();
        if (host is not null)
        {
            variables.Add(("KUBERNETES_SERVICE_HOST", host));
        }

        if (port is not null)
        {
            variables.Add(("KUBERNETES_SERVICE_PORT", port));
        }

        var environment = Environment([.. variables]);

        Assert.False(InClusterConfig.IsAvailable(environment));
        var error = Assert.Throws<KubeconfigException>(() => InClusterConfig.Load(environment));
        Assert.Equal("in-cluster service account: not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set", error.Message);
    }

    [Fact]
    public void Without_a_token_file_it_is_not_available()
    {
        File.Delete(_directory.Combine("token"));
        var environment = Environment(("KUBERNETES_SERVICE_HOST", "h"), ("KUBERNETES_SERVICE_PORT", "443"));

        Assert.False(InClusterConfig.IsAvailable(environment));
        var error = Assert.Throws<KubeconfigException>(() => InClusterConfig.Load(environment));
        Assert.Equal($"in-cluster service account: token file {_directory.Combine("token")} does not exist", error.Message);
    }

    [Fact]
    public void A_bad_port_or_ca_is_an_error_naming_the_problem()
    {
        var badPort = Assert.Throws<KubeconfigException>(() => InClusterConfig.Load(Environment(("KUBERNETES_SERVICE_HOST", "h"), ("KUBERNETES_SERVICE_PORT", "https"))));
        File.WriteAllText(_directory.Combine("ca.crt"), "not a certificate");
        var badCa = Assert.Throws<KubeconfigException>(() => InClusterConfig.Load(Environment(("KUBERNETES_SERVICE_HOST", "h"), ("KUBERNETES_SERVICE_PORT", "443"))));

        Assert.Equal("in-cluster service account: KUBERNETES_SERVICE_PORT \"https\" is not a port number", badPort.Message);
        Assert.StartsWith($"in-cluster service account: {_directory.Combine("ca.crt")} does not contain a valid PEM certificate", badCa.Message, StringComparison.Ordinal);
    }

    private InClusterEnvironment Environment(params (string Name, string Value)[] variables) => FakeEnvironment.InCluster(_directory.Path, variables);
}
