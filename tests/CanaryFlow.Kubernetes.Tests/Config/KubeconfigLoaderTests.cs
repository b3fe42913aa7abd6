using System.Net.Http.Headers;
using System.Text;
using CanaryFlow.Kubernetes.Config;

namespace CanaryFlow.Kubernetes.Tests.Config;

public sealed class KubeconfigLoaderTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Explicit_file_gives_server_ca_token_namespace_and_source()
    {
        var path = _directory.Write("config", $"""
            apiVersion: v1
            kind: Config
            current-context: prod
            clusters:
            - name: prod-cluster
              cluster:
                server: https://10.0.0.1:6443
                certificate-authority-data: {TestCertificates.Base64(TestCertificates.AuthorityPem)}
            users:
            - name: ci-bot
              user:
                token: abc.def
            contexts:
            - name: prod
              context: {"{"}cluster: prod-cluster, user: ci-bot, namespace: canaryflow-system{"}"}
            """);

        var connection = Load(path);

        Assert.Equal(new Uri("https://10.0.0.1:6443"), connection.Server);
        Assert.Equal(TestCertificates.Authority.Thumbprint, Assert.Single(connection.CertificateAuthorities!).Thumbprint);
        Assert.False(connection.InsecureSkipTlsVerify);
        Assert.Null(connection.ClientCertificate);
        Assert.Null(connection.Proxy);
        Assert.Equal("canaryflow-system", connection.Namespace);
        Assert.Equal($"kubeconfig {path}, context prod", connection.Source);
        Assert.Equal(new AuthenticationHeaderValue("Bearer", "abc.def"), await connection.Authentication!.GetAuthorizationAsync(CancellationToken.None));
    }

    [Fact]
    public void Namespace_defaults_to_default_and_a_user_is_optional()
    {
        var path = _directory.Write("config", SingleCluster("server: https://example.com", user: null, contextExtra: ""));

        var connection = Load(path);

        Assert.Equal("default", connection.Namespace);
        Assert.Null(connection.Authentication);
        Assert.Null(connection.CertificateAuthorities);
    }

    [Fact]
    public void Context_argument_wins_over_current_context()
    {
        var path = _directory.Write("config", """
            current-context: a
            clusters:
            - name: a
              cluster: {server: "https://a.example.com"}
            - name: b
              cluster: {server: "https://b.example.com"}
            contexts:
            - name: a
              context: {cluster: a}
            - name: b
              context: {cluster: b, namespace: team-b}
            """);

        Assert.Equal("a.example.com", Load(path).Server.Host);
        var overridden = KubeconfigLoader.Load(path, context: "b", environment: FakeEnvironment.Kubeconfig(_directory.Path));
        Assert.Equal("b.example.com", overridden.Server.Host);
        Assert.Equal("team-b", overridden.Namespace);
        Assert.EndsWith(", context b", overridden.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_fields_win_over_file_fields()
    {
        var client = TestCertificates.CreateClient("data-user", ecdsa: false);
        var path = _directory.Write("config", $"""
            current-context: c
            clusters:
            - name: c
              cluster:
                server: https://example.com
                certificate-authority: does-not-exist/ca.crt
                certificate-authority-data: {TestCertificates.Base64(TestCertificates.AuthorityPem)}
            users:
            - name: u
              user:
                client-certificate: does-not-exist/client.crt
                client-certificate-data: {TestCertificates.Base64(client.CertificatePem)}
                client-key: does-not-exist/client.key
                client-key-data: {TestCertificates.Base64(client.KeyPem)}
            contexts:
            - name: c
              context: {"{"}cluster: c, user: u{"}"}
            """);

        var connection = Load(path);

        Assert.Single(connection.CertificateAuthorities!);
        var certificate = await connection.ClientCertificate!.GetCertificateAsync(CancellationToken.None);
        Assert.Equal("CN=data-user, O=system:masters", certificate!.Subject);
        Assert.True(certificate.HasPrivateKey);
    }

    [Fact]
    public async Task Relative_paths_resolve_against_the_directory_of_the_file_that_defines_the_entry()
    {
        var client = TestCertificates.CreateClient("file-user", ecdsa: true);
        _directory.Write("clusters/pki/ca.crt", TestCertificates.AuthorityPem);
        _directory.Write("users/pki/client.crt", client.CertificatePem);
        _directory.Write("users/pki/client.key", client.KeyPem);
        _directory.Write("users/secrets/token", "file-token\n");
        var contexts = _directory.Write("contexts/config", """
            current-context: c
            contexts:
            - name: c
              context: {cluster: c, user: u}
            """);
        var clusters = _directory.Write("clusters/config", """
            clusters:
            - name: c
              cluster:
                server: https://example.com
                certificate-authority: pki/ca.crt
            """);
        var users = _directory.Write("users/config", """
            users:
            - name: u
              user:
                client-certificate: pki/client.crt
                client-key: ./pki/client.key
                tokenFile: secrets/token
            """);
        var environment = FakeEnvironment.Kubeconfig(_directory.Path, ("KUBECONFIG", string.Join(Path.PathSeparator, contexts, clusters, users)));

        var connection = KubeconfigLoader.Load(environment: environment);

        Assert.Single(connection.CertificateAuthorities!);
        Assert.Equal("CN=file-user, O=system:masters", (await connection.ClientCertificate!.GetCertificateAsync(CancellationToken.None))!.Subject);
        var token = Assert.IsType<TokenFileAuthentication>(connection.Authentication);
        Assert.Equal(_directory.Combine("users/secrets/token"), token.Path);
        Assert.Equal("file-token", (await token.GetAuthorizationAsync(CancellationToken.None))!.Parameter);
    }

    [Fact]
    public void Default_file_is_in_the_home_directory()
    {
        _directory.Write(".kube/config", SingleCluster("server: https://home.example.com", user: null, contextExtra: ""));

        var connection = KubeconfigLoader.Load(environment: FakeEnvironment.Kubeconfig(_directory.Path));

        Assert.Equal("home.example.com", connection.Server.Host);
        Assert.Equal($"kubeconfig {_directory.Combine(".kube/config")}, context c", connection.Source);
    }

    [Theory]
    [InlineData("server: example.com:6443\n    insecure-skip-tls-verify: true", "https://example.com:6443/")]
    [InlineData("server: example.com:8080", "http://example.com:8080/")]
    [InlineData("server: https://[fd00::1]:6443", "https://[fd00::1]:6443/")]
    [InlineData("server: https://rancher.example.com/k8s/clusters/c-abc", "https://rancher.example.com/k8s/clusters/c-abc")]
    public void Server_urls_follow_client_go(string clusterYaml, string expected)
    {
        var path = _directory.Write("config", SingleCluster(clusterYaml, user: null, contextExtra: ""));

        Assert.Equal(expected, Load(path).Server.ToString());
    }

    [Fact]
    public void Tls_server_name_insecure_proxy_and_compression_are_read()
    {
        var path = _directory.Write("config", SingleCluster(
            "server: https://example.com\n    tls-server-name: kubernetes.default.svc\n    insecure-skip-tls-verify: true\n"
            + "    proxy-url: socks5://proxy.local:1080\n    disable-compression: true",
            user: null,
            contextExtra: ""));

        var connection = Load(path);

        Assert.Equal("kubernetes.default.svc", connection.TlsServerName);
        Assert.True(connection.InsecureSkipTlsVerify);
        Assert.Equal(new Uri("socks5://proxy.local:1080"), connection.Proxy);
        Assert.True(connection.DisableCompression);
    }

    [Fact]
    public async Task Username_and_password_give_basic_authentication()
    {
        var path = _directory.Write("config", SingleCluster("server: https://example.com", user: "username: admin\n    password: s3cret", contextExtra: ""));

        var header = await Load(path).Authentication!.GetAuthorizationAsync(CancellationToken.None);

        Assert.Equal("Basic", header!.Scheme);
        Assert.Equal("admin:s3cret", Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!)));
    }

    [Fact]
    public async Task Token_file_wins_over_token_and_token_covers_a_missing_file()
    {
        var tokenFile = _directory.Write("token", "from-file");
        var path = _directory.Write("config", SingleCluster("server: https://example.com", user: "token: inline\n    tokenFile: token", contextExtra: ""));

        var authentication = Load(path).Authentication!;
        Assert.Equal("from-file", (await authentication.GetAuthorizationAsync(CancellationToken.None))!.Parameter);

        File.Delete(tokenFile);
        var withoutFile = Load(path).Authentication!;
        Assert.Equal("inline", (await withoutFile.GetAuthorizationAsync(CancellationToken.None))!.Parameter);
    }

    [Fact]
    public void A_static_token_wins_over_an_exec_plugin_like_in_client_go()
    {
        var path = _directory.Write("config", SingleCluster(
            "server: https://example.com",
            user: "token: inline\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: never-run\n      interactiveMode: Never",
            contextExtra: ""));

        Assert.IsType<StaticTokenAuthentication>(Load(path).Authentication);
    }

    [Fact]
    public void An_empty_file_among_several_is_an_empty_configuration()
    {
        var empty = _directory.Write("empty", "");
        var real = _directory.Write("config", SingleCluster("server: https://example.com", user: null, contextExtra: ""));

        var connection = KubeconfigLoader.Load(environment: FakeEnvironment.Kubeconfig(_directory.Path, ("KUBECONFIG", empty + Path.PathSeparator + real)));

        Assert.Equal($"kubeconfig {empty}{Path.PathSeparator}{real}, context c", connection.Source);
    }

    /// <summary>A kubeconfig with one cluster "c", one context "c" and, when given, one user "u".</summary>
    internal static string SingleCluster(string clusterYaml, string? user, string contextExtra) => $"""
        current-context: c
        clusters:
        - name: c
          cluster:
            {clusterYaml}
        {(user is null ? "" : $"users:\n- name: u\n  user:\n    {user}\n")}contexts:
        - name: c
          context:
            cluster: c
            {(user is null ? "" : "user: u")}
            {contextExtra}
        """;

    private KubernetesConnection Load(string path) => KubeconfigLoader.Load(path, environment: FakeEnvironment.Kubeconfig(_directory.Path));
}
