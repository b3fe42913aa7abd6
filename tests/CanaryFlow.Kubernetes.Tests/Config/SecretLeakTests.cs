using CanaryFlow.Kubernetes.Config;
using Microsoft.Extensions.Time.Testing;

namespace CanaryFlow.Kubernetes.Tests.Config;

/// <summary>No exception message (inner ones included) and no ToString of the configuration types shows a credential.</summary>
[Collection(ExecPluginCollection.Name)]
public sealed class SecretLeakTests : IDisposable
{
    private const string _token = "SECRETTOKEN7f3a9";
    private const string _password = "SECRETPASSWORD1b2c";
    private const string _secretValue = "SECRETVALUE5e6f";

    private static readonly ClientCertificatePem _client = TestCertificates.CreateClient("leak-test", ecdsa: true);

    private readonly TemporaryDirectory _directory = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("token: " + _token + "\n    as: someone")]
    [InlineData("token: [" + _token + "]")]
    [InlineData("token: \"" + _token)]
    [InlineData("token: " + _token + "\n    username: " + _password)]
    [InlineData("password: {nested: " + _password + "}")]
    [InlineData("client-key-data: " + _token + "!!\n    client-certificate-data: " + _password + "!!")]
    [InlineData("auth-provider: {name: oidc, config: {id-token: " + _token + ", client-secret: " + _password + "}}")]
    [InlineData("exec: {apiVersion: client.authentication.k8s.io/v1, command: p, interactiveMode: Sometimes, args: [" + _token + "], env: [{name: X, value: " + _password + "}]}")]
    public void Kubeconfig_errors_show_no_credentials(string user)
    {
        var path = _directory.Write("config", KubeconfigLoaderTests.SingleCluster("server: https://example.com", user, contextExtra: ""));

        var error = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(path, environment: FakeEnvironment.Kubeconfig(_directory.Path)));

        AssertNoSecret(error.ToString());
    }

    [Fact]
    public void Bad_key_material_is_not_quoted()
    {
        var notAKey = TestCertificates.Base64("-----BEGIN PRIVATE KEY-----\n" + _token + "\n-----END PRIVATE KEY-----\n");
        var user = $"client-certificate-data: {TestCertificates.Base64(_client.CertificatePem)}\n    client-key-data: {notAKey}";
        var path = _directory.Write("config", KubeconfigLoaderTests.SingleCluster("server: https://example.com", user, contextExtra: ""));

        var error = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(path, environment: FakeEnvironment.Kubeconfig(_directory.Path)));

        AssertNoSecret(error.ToString());
    }

    [Fact]
    public void Proxy_and_server_passwords_are_not_shown()
    {
        var withProxy = _directory.Write("proxy", KubeconfigLoaderTests.SingleCluster(
            $"server: https://example.com\n    proxy-url: http://user:{_password}@proxy.local:3128", user: null, contextExtra: ""));
        var badProxy = _directory.Write("bad-proxy", KubeconfigLoaderTests.SingleCluster(
            $"server: https://example.com\n    proxy-url: ftp://user:{_password}@proxy.local", user: null, contextExtra: ""));
        var badServer = _directory.Write("bad-server", KubeconfigLoaderTests.SingleCluster(
            $"server: https://user:{_password}@example.com", user: null, contextExtra: ""));

        var connection = KubeconfigLoader.Load(withProxy, environment: FakeEnvironment.Kubeconfig(_directory.Path));

        Assert.Equal("proxy.local", connection.Proxy!.Host);
        AssertNoSecret(connection.ToString());
        AssertNoSecret(Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(badProxy, environment: FakeEnvironment.Kubeconfig(_directory.Path))).ToString());
        AssertNoSecret(Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(badServer, environment: FakeEnvironment.Kubeconfig(_directory.Path))).ToString());
    }

    [Fact]
    public async Task Connections_and_providers_print_without_credentials()
    {
        var tokenFile = _directory.Write("token", _token);
        var connections = new[]
        {
            Connection($"token: {_token}\n    client-certificate-data: {TestCertificates.Base64(_client.CertificatePem)}\n    client-key-data: {TestCertificates.Base64(_client.KeyPem)}"),
            Connection($"tokenFile: {tokenFile}\n    token: {_password}"),
            Connection($"username: admin\n    password: {_password}"),
            Connection($"exec: {{apiVersion: client.authentication.k8s.io/v1, command: p, interactiveMode: Never, args: [{_token}], env: [{{name: X, value: {_password}}}]}}"),
        };

        foreach (var connection in connections)
        {
            if (connection.Authentication is TokenFileAuthentication or StaticTokenAuthentication or BasicAuthentication)
            {
                await connection.Authentication.GetAuthorizationAsync(CancellationToken.None);
            }

            AssertNoSecret(connection.ToString());
            AssertNoSecret(connection.Authentication!.ToString()!);
            AssertNoSecret(connection.ClientCertificate?.ToString() ?? "");
            AssertNoKey(connection.ToString());
        }

        var settings = new ExecPluginSettings { Command = "p", Arguments = [_token], EnvironmentVariables = [new("X", _password)] };
        AssertNoSecret(settings.ToString());
    }

    [Theory]
    [InlineData("not json " + _token)]
    [InlineData("{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"" + _token + "\"}}")]
    [InlineData("{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"" + _token + "\",\"expirationTimestamp\":7}}")]
    [InlineData("{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"" + _token + "\",\"clientKeyData\":\"" + _password + "\"}}")]
    [InlineData("{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"clientCertificateData\":\"" + _token + "\",\"clientKeyData\":\"" + _password + "\"}}")]
    [InlineData("{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"" + _token + "\"}}\nexit 1")]
    public async Task Exec_plugin_errors_do_not_quote_its_output(string output)
    {
        var lines = output.Split('\n');
        var outputFile = _directory.Write("output", lines[0]);
        var plugin = new ExecPluginScript(_directory, $"cat '{outputFile}'\n" + string.Join('\n', lines.Skip(1)));
        using var authentication = new ExecCredentialAuthentication(
            new ExecPluginSettings { Command = plugin.Path, Arguments = [_secretValue], EnvironmentVariables = [new("PLUGIN_X", _secretValue)] },
            _clock);

        var error = await Assert.ThrowsAsync<CredentialException>(() => authentication.GetAuthorizationAsync(CancellationToken.None).AsTask());

        AssertNoSecret(error.ToString());
        Assert.DoesNotContain(_secretValue, error.ToString(), StringComparison.Ordinal);
        AssertNoSecret(authentication.ToString());
    }

    [Fact]
    public async Task Token_file_errors_do_not_show_the_fallback_token()
    {
        var authentication = new TokenFileAuthentication(_directory.Combine("missing"), _clock);

        var error = await Assert.ThrowsAsync<CredentialException>(() => authentication.GetAuthorizationAsync(CancellationToken.None).AsTask());

        AssertNoSecret(error.ToString());
        AssertNoSecret(new TokenFileAuthentication(_directory.Combine("missing"), _clock, _token).ToString());
    }

    private static void AssertNoSecret(string text)
    {
        Assert.DoesNotContain(_token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(_password, text, StringComparison.Ordinal);
    }

    private static void AssertNoKey(string text)
    {
        var keyBody = _client.KeyPem.Split('\n')[1];
        Assert.DoesNotContain(keyBody, text, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
    }

    private KubernetesConnection Connection(string user)
    {
        var path = _directory.Write("config-" + Guid.NewGuid().ToString("N"), KubeconfigLoaderTests.SingleCluster("server: https://example.com", user, contextExtra: ""));
        return KubeconfigLoader.Load(path, environment: FakeEnvironment.Kubeconfig(_directory.Path), clock: _clock);
    }
}
