using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Config;
using Microsoft.Extensions.Time.Testing;

namespace CanaryFlow.Kubernetes.Tests.Config;

/// <summary>Runs real plugin processes: shell scripts written by each test.</summary>
[Collection(ExecPluginCollection.Name)]
public sealed class ExecCredentialAuthenticationTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_credential_is_cached_until_it_expires_then_the_plugin_runs_again()
    {
        var plugin = new ExecPluginScript(_directory, ExecPluginScript.TokenBody("2030-01-01T00:10:00Z"));
        using var authentication = new ExecCredentialAuthentication(new ExecPluginSettings { Command = plugin.Path }, _clock);

        Assert.Equal("exec-token-1", await TokenAsync(authentication));
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("exec-token-1", await TokenAsync(authentication));
        Assert.Equal(1, plugin.Runs);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("exec-token-2", await TokenAsync(authentication));
        Assert.Equal(2, plugin.Runs);
    }

    [Fact]
    public async Task Without_an_expiry_the_credential_is_kept_until_a_401_with_it()
    {
        var plugin = new ExecPluginScript(_directory, ExecPluginScript.TokenBody(null));
        using var authentication = new ExecCredentialAuthentication(new ExecPluginSettings { Command = plugin.Path }, _clock);
        var used = await authentication.GetAuthorizationAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(365));
        Assert.Equal("exec-token-1", await TokenAsync(authentication));

        authentication.OnUnauthorized(new AuthenticationHeaderValue("Bearer", "exec-token-0"));
        Assert.Equal("exec-token-1", await TokenAsync(authentication));
        Assert.Equal(1, plugin.Runs);

        authentication.OnUnauthorized(used);
        Assert.Equal("exec-token-2", await TokenAsync(authentication));
        Assert.Equal(2, plugin.Runs);
    }

    [Fact]
    public async Task The_plugin_gets_exec_info_arguments_and_environment()
    {
        var plugin = new ExecPluginScript(_directory, ExecPluginScript.TokenBody(null));
        using var authentication = new ExecCredentialAuthentication(
            new ExecPluginSettings
            {
                Command = plugin.Path,
                Arguments = ["token", "--cluster", "prod cluster"],
                EnvironmentVariables = [new("PLUGIN_A", "alpha"), new("PLUGIN_B", "with space")],
            },
            _clock);

        await authentication.GetAuthorizationAsync(CancellationToken.None);

        Assert.Equal(
            """{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{"interactive":false}}""",
            plugin.LastExecInfo.ToJsonString());
        Assert.Equal(["token", "--cluster", "prod cluster"], plugin.LastArguments);
        Assert.Equal(["PLUGIN_A=alpha", "PLUGIN_B=with space"], plugin.LastEnvironment);
    }

    [Fact]
    public async Task A_kubeconfig_exec_user_resolves_a_relative_command_and_provides_cluster_info_when_asked()
    {
        var plugin = new ExecPluginScript(_directory, ExecPluginScript.TokenBody(null), "bin/plugin.sh");
        var path = _directory.Write("config", $"""
            current-context: c
            clusters:
            - name: c
              cluster:
                server: https://example.com:6443
                certificate-authority-data: {TestCertificates.Base64(TestCertificates.AuthorityPem)}
                extensions:
                - name: client.authentication.k8s.io/exec
                  extension: {"{"}audience: canaryflow{"}"}
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: ./bin/plugin.sh
                  args: [get-token]
                  env:
                  - name: PLUGIN_FROM_KUBECONFIG
                    value: yes-please
                  interactiveMode: IfAvailable
                  provideClusterInfo: true
            contexts:
            - name: c
              context: {"{"}cluster: c, user: u{"}"}
            """);

        var connection = KubeconfigLoader.Load(path, environment: FakeEnvironment.Kubeconfig(_directory.Path), clock: _clock);

        var exec = Assert.IsType<ExecCredentialAuthentication>(connection.Authentication);
        Assert.Same(exec, connection.ClientCertificate);
        Assert.Equal(plugin.Path, exec.Settings.Command);
        Assert.Equal("exec-token-1", await TokenAsync(exec));
        Assert.Null(await connection.ClientCertificate!.GetCertificateAsync(CancellationToken.None));
        Assert.Equal(1, plugin.Runs);
        var cluster = plugin.LastExecInfo["spec"]!["cluster"]!.AsObject();
        Assert.Equal("https://example.com:6443", (string?)cluster["server"]);
        Assert.Equal(TestCertificates.Base64(TestCertificates.AuthorityPem), (string?)cluster["certificate-authority-data"]);
        Assert.Equal("canaryflow", (string?)cluster["config"]!["audience"]);
        Assert.Equal(["get-token"], plugin.LastArguments);
        Assert.Equal(["PLUGIN_FROM_KUBECONFIG=yes-please"], plugin.LastEnvironment);
    }

    [Fact]
    public async Task A_failing_plugin_reports_exit_code_stderr_and_install_hint()
    {
        var plugin = new ExecPluginScript(_directory, "echo 'error: you are not logged in' >&2\nexit 3");
        using var authentication = new ExecCredentialAuthentication(
            new ExecPluginSettings { Command = plugin.Path, InstallHint = "Install it with: brew install my-plugin" }, _clock);

        var error = await Assert.ThrowsAsync<CredentialException>(() => TokenAsync(authentication));

        Assert.Equal(
            $"exec plugin {plugin.Path}: exited with code 3: error: you are not logged in\n\nInstall it with: brew install my-plugin",
            error.Message);
    }

    [Fact]
    public async Task Long_stderr_is_truncated_to_its_end()
    {
        var plugin = new ExecPluginScript(_directory, "i=0; while [ $i -lt 2000 ]; do echo 'noise noise noise' >&2; i=$((i+1)); done\necho 'the real reason' >&2\nexit 1");
        using var authentication = new ExecCredentialAuthentication(new ExecPluginSettings { Command = plugin.Path }, _clock);

        var error = await Assert.ThrowsAsync<CredentialException>(() => TokenAsync(authentication));

        Assert.Contains("…(truncated) ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("the real reason", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 5000);
    }

    [Fact]
    public async Task A_missing_executable_reports_the_install_hint()
    {
        using var authentication = new ExecCredentialAuthentication(
            new ExecPluginSettings { Command = "canaryflow-no-such-plugin", InstallHint = "see https://example.com/install" }, _clock);

        var error = await Assert.ThrowsAsync<CredentialException>(() => TokenAsync(authentication));

        Assert.Equal("exec plugin canaryflow-no-such-plugin: executable not found\n\nsee https://example.com/install", error.Message);
    }

    [Theory]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t"}}""",
        "exec plugin is configured to use API version client.authentication.k8s.io/v1, plugin returned version client.authentication.k8s.io/v1beta1")]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredentials","status":{"token":"t"}}""",
        "decoding stdout: kind is \"ExecCredentials\", expected \"ExecCredential\"")]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"}""", "exec plugin didn't return a status field")]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}}""", "exec plugin didn't return a token or cert/key pair")]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientKeyData":"k"}}""",
        "exec plugin returned only certificate or key, not both")]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t","expirationTimestamp":"soon"}}""",
        "status.expirationTimestamp \"soon\" is not an RFC 3339 time")]
    [InlineData("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"c","clientKeyData":"k"}}""",
        "failed parsing client key/certificate")]
    [InlineData("token: not-json", "decoding stdout: not a valid ExecCredential JSON object")]
    public async Task Unusable_output_is_an_error(string output, string expected)
    {
        var outputFile = _directory.Write("output.json", output);
        var plugin = new ExecPluginScript(_directory, $"cat '{outputFile}'");
        using var authentication = new ExecCredentialAuthentication(new ExecPluginSettings { Command = plugin.Path }, _clock);

        var error = await Assert.ThrowsAsync<CredentialException>(() => TokenAsync(authentication));

        Assert.StartsWith($"exec plugin {plugin.Path}: {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_v1beta1_protocol_is_supported()
    {
        var plugin = new ExecPluginScript(_directory, ExecPluginScript.TokenBody(null, ExecPluginSettings.ApiVersionV1Beta1));
        using var authentication = new ExecCredentialAuthentication(
            new ExecPluginSettings { Command = plugin.Path, ApiVersion = ExecPluginSettings.ApiVersionV1Beta1 }, _clock);

        Assert.Equal("exec-token-1", await TokenAsync(authentication));
        Assert.Equal(ExecPluginSettings.ApiVersionV1Beta1, (string?)plugin.LastExecInfo["apiVersion"]);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_run()
    {
        var plugin = new ExecPluginScript(_directory, "sleep 0.3\n" + ExecPluginScript.TokenBody(null));
        using var authentication = new ExecCredentialAuthentication(new ExecPluginSettings { Command = plugin.Path }, _clock);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => TokenAsync(authentication))));

        Assert.All(tokens, token => Assert.Equal("exec-token-1", token));
        Assert.Equal(1, plugin.Runs);
    }

    [Fact]
    public async Task A_plugin_that_hangs_is_killed_after_the_timeout()
    {
        var plugin = new ExecPluginScript(_directory, "sleep 30\n" + ExecPluginScript.TokenBody(null));
        using var authentication = new ExecCredentialAuthentication(
            new ExecPluginSettings { Command = plugin.Path, Timeout = TimeSpan.FromMilliseconds(300), InstallHint = "hint" });
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<CredentialException>(() => TokenAsync(authentication));

        Assert.Equal($"exec plugin {plugin.Path}: did not finish within 00:00:00.3000000 and was killed\n\nhint", error.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Cancelling_the_caller_cancels_the_run()
    {
        var plugin = new ExecPluginScript(_directory, "sleep 30\n" + ExecPluginScript.TokenBody(null));
        using var authentication = new ExecCredentialAuthentication(new ExecPluginSettings { Command = plugin.Path }, _clock);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => authentication.GetAuthorizationAsync(cancellation.Token).AsTask());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_plugin_can_return_a_client_certificate(bool ecdsa)
    {
        var client = TestCertificates.CreateClient("exec-user", ecdsa);
        var output = new JsonObject
        {
            ["apiVersion"] = "client.authentication.k8s.io/v1",
            ["kind"] = "ExecCredential",
            ["status"] = new JsonObject { ["clientCertificateData"] = client.CertificatePem, ["clientKeyData"] = client.KeyPem },
        };
        var outputFile = _directory.Write("cert.json", output.ToJsonString());
        var plugin = new ExecPluginScript(_directory, $"cat '{outputFile}'");
        using var authentication = new ExecCredentialAuthentication(new ExecPluginSettings { Command = plugin.Path }, _clock);

        var certificate = await authentication.GetCertificateAsync(CancellationToken.None);
        var header = await authentication.GetAuthorizationAsync(CancellationToken.None);

        Assert.Equal("CN=exec-user, O=system:masters", certificate!.Subject);
        Assert.True(certificate.HasPrivateKey);
        Assert.Null(header);
        Assert.Equal(1, plugin.Runs);

        authentication.OnUnauthorized(header);
        await authentication.GetCertificateAsync(CancellationToken.None);
        Assert.Equal(2, plugin.Runs);
    }

    private static async Task<string?> TokenAsync(IAuthenticationProvider authentication) =>
        (await authentication.GetAuthorizationAsync(CancellationToken.None))?.Parameter;
}
