using CanaryFlow.Kubernetes.Config;

namespace CanaryFlow.Kubernetes.Tests.Config;

public sealed class KubeconfigErrorTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_missing_explicit_file_is_an_error()
    {
        var path = _directory.Combine("nope");

        var error = Assert.Throws<KubeconfigException>(() => Load(path));

        Assert.Equal($"kubeconfig {path}: file does not exist", error.Message);
    }

    [Fact]
    public void KUBECONFIG_naming_only_missing_files_is_an_error()
    {
        var a = _directory.Combine("a");
        var b = _directory.Combine("b");

        var error = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(environment: FakeEnvironment.Kubeconfig(_directory.Path, ("KUBECONFIG", a + Path.PathSeparator + b))));

        Assert.Equal($"kubeconfig: none of the files in KUBECONFIG exist: {a}, {b}", error.Message);
    }

    [Fact]
    public void A_missing_home_file_is_an_error()
    {
        var error = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(environment: FakeEnvironment.Kubeconfig(_directory.Path)));

        Assert.StartsWith($"kubeconfig {_directory.Combine(".kube/config")}: file does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_file_is_an_error()
    {
        var path = _directory.Combine("a-directory");
        Directory.CreateDirectory(path);

        var error = Assert.Throws<KubeconfigException>(() => Load(path));

        Assert.StartsWith($"kubeconfig {path}: cannot read the file: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_syntax_errors_give_line_and_column()
    {
        var path = _directory.Write("config", "clusters:\n- name: a\n  cluster:\n    server: \"https://x\n");

        var error = Assert.Throws<KubeconfigException>(() => Load(path));

        Assert.Matches($"^kubeconfig {System.Text.RegularExpressions.Regex.Escape(path)}: yaml: line [0-9]+, column [0-9]+: ", error.Message);
    }

    [Fact]
    public void Yaml_the_parser_cannot_place_still_names_the_file()
    {
        var path = _directory.Write("config", "clusters:\n- name: a\n  cluster: {server: \"https://x\"\ncontexts: []\n");

        var error = Assert.Throws<KubeconfigException>(() => Load(path));

        Assert.StartsWith($"kubeconfig {path}: yaml: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_in_any_listed_file_fails_the_load()
    {
        var good = _directory.Write("good", KubeconfigLoaderTests.SingleCluster("server: https://example.com", user: null, contextExtra: ""));
        var bad = _directory.Write("bad", "clusters: [\n");

        var error = Assert.Throws<KubeconfigException>(
            () => KubeconfigLoader.Load(environment: FakeEnvironment.Kubeconfig(_directory.Path, ("KUBECONFIG", good + Path.PathSeparator + bad))));

        Assert.StartsWith($"kubeconfig {bad}: yaml: line ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clusters: {a: b}", "clusters: expected a list")]
    [InlineData("clusters:\n- name: a\n  cluster:\n    insecure-skip-tls-verify: maybe", "clusters[0].cluster.insecure-skip-tls-verify: expected true or false")]
    [InlineData("users:\n- name: a\n  user:\n    exec: {args: [1]}", "users[0].user.exec.args[0]: expected a string")]
    [InlineData("[]", "expected a mapping")]
    public void Wrong_types_name_the_field(string yaml, string expected)
    {
        var path = _directory.Write("config", yaml);

        var error = Assert.Throws<KubeconfigException>(() => Load(path));

        Assert.StartsWith($"kubeconfig {path}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_context_lists_the_contexts_that_exist()
    {
        var path = _directory.Write("config", """
            contexts:
            - name: staging
              context: {cluster: x}
            - name: dev
              context: {cluster: x}
            """);

        var error = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(path, "prod", FakeEnvironment.Kubeconfig(_directory.Path)));

        Assert.Equal($"kubeconfig {path}: context \"prod\" does not exist; contexts: dev, staging", error.Message);
    }

    [Fact]
    public void No_current_context_and_none_given_is_an_error()
    {
        var path = _directory.Write("config", "contexts:\n- name: only\n  context: {cluster: x}\n");

        var error = Assert.Throws<KubeconfigException>(() => Load(path));

        Assert.Equal($"kubeconfig {path}: no context chosen: current-context is not set and no context was given; contexts: only", error.Message);
    }

    [Fact]
    public void A_missing_cluster_or_user_names_the_context_and_file()
    {
        var path = _directory.Write("config", """
            current-context: c
            clusters:
            - name: real
              cluster: {server: "https://example.com"}
            contexts:
            - name: c
              context: {cluster: ghost}
            - name: d
              context: {cluster: real, user: phantom}
            """);

        var cluster = Assert.Throws<KubeconfigException>(() => Load(path));
        var user = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(path, "d", FakeEnvironment.Kubeconfig(_directory.Path)));

        Assert.Equal($"kubeconfig {path}: contexts[0].context.cluster: cluster \"ghost\" referenced by context \"c\" does not exist in {path}", cluster.Message);
        Assert.Equal($"kubeconfig {path}: contexts[1].context.user: user \"phantom\" referenced by context \"d\" does not exist in {path}", user.Message);
    }

    [Theory]
    [InlineData("insecure-skip-tls-verify: true", "clusters[0].cluster.server: no server found for cluster \"c\"")]
    [InlineData("server: \"https://exa mple.com\"", "clusters[0].cluster.server: malformed server URL \"https://exa mple.com\"")]
    [InlineData("server: ftp://example.com", "clusters[0].cluster.server: malformed server URL \"ftp://example.com\": the scheme must be https or http, not ftp")]
    [InlineData("server: example.com/path", "clusters[0].cluster.server: malformed server URL \"example.com/path\": must be a URL or a host:port pair")]
    [InlineData("server: https://example.com\n    certificate-authority-data: '%%%'", "clusters[0].cluster.certificate-authority-data: is not valid base64")]
    [InlineData("server: https://example.com\n    certificate-authority-data: bm90IGEgcGVt", "clusters[0].cluster.certificate-authority-data: does not contain a valid PEM certificate")]
    [InlineData("server: https://example.com\n    certificate-authority: missing-ca.crt", "clusters[0].cluster.certificate-authority: cannot read ")]
    [InlineData("server: https://example.com\n    insecure-skip-tls-verify: true\n    certificate-authority-data: bm90IGEgcGVt", "clusters[0].cluster.insecure-skip-tls-verify: cannot be combined with a certificate authority")]
    [InlineData("server: https://example.com\n    proxy-url: ftp://proxy", "clusters[0].cluster.proxy-url: scheme must be http, https or socks5, not ftp")]
    public void Cluster_problems_name_the_file_and_field(string clusterYaml, string expected)
    {
        var path = _directory.Write("config", KubeconfigLoaderTests.SingleCluster(clusterYaml, user: null, contextExtra: ""));

        var error = Assert.Throws<KubeconfigException>(() => Load(path));

        Assert.StartsWith($"kubeconfig {path}: {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Certificate_problems_name_the_file_and_field()
    {
        var client = TestCertificates.CreateClient("u", ecdsa: false);
        var other = TestCertificates.CreateClient("other", ecdsa: false);
        var certificate = TestCertificates.Base64(client.CertificatePem);
        var cases = new (string User, string Expected)[]
        {
            ($"client-certificate-data: {certificate}", "users[0].user.client-key: client-certificate(-data) and client-key(-data) must both be specified"),
            ($"client-key-data: {TestCertificates.Base64(client.KeyPem)}", "users[0].user.client-certificate: client-certificate(-data) and client-key(-data) must both be specified"),
            ($"client-certificate-data: {TestCertificates.Base64("garbage")}\n    client-key-data: {TestCertificates.Base64(client.KeyPem)}", "users[0].user.client-certificate-data: does not contain a valid PEM certificate"),
            ($"client-certificate-data: {certificate}\n    client-key-data: {TestCertificates.Base64("garbage")}", "users[0].user.client-key-data: is not a PEM private key"),
            ($"client-certificate-data: {certificate}\n    client-key-data: {TestCertificates.Base64(other.KeyPem)}", "users[0].user.client-key-data: is not a PEM private key"),
            ($"client-certificate-data: {certificate}\n    client-key: missing.key", "users[0].user.client-key: cannot read "),
            ("client-key-data: not*base64", "users[0].user.client-key-data: is not valid base64"),
        };

        foreach (var (user, expected) in cases)
        {
            var path = _directory.Write("config", KubeconfigLoaderTests.SingleCluster("server: https://example.com", user, contextExtra: ""));

            var error = Assert.Throws<KubeconfigException>(() => Load(path));

            Assert.StartsWith($"kubeconfig {path}: {expected}", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("auth-provider: {name: gcp, config: {access-token: x}}", "users[0].user.auth-provider: auth provider \"gcp\" is not supported; use an exec credential plugin")]
    [InlineData("as: someone-else", "users[0].user.as: impersonation")]
    [InlineData("token: t\n    username: admin", "users[0].user: more than one authentication method found for user \"u\"")]
    [InlineData("exec: {apiVersion: client.authentication.k8s.io/v1, command: plugin}", "users[0].user.exec.interactiveMode: interactiveMode must be specified for user \"u\"")]
    [InlineData("exec: {apiVersion: client.authentication.k8s.io/v1, command: plugin, interactiveMode: Always}", "users[0].user.exec.interactiveMode: Always needs an interactive terminal")]
    [InlineData("exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: plugin}", "users[0].user.exec.apiVersion: \"client.authentication.k8s.io/v1alpha1\" is not supported")]
    [InlineData("exec: {apiVersion: client.authentication.k8s.io/v1beta1}", "users[0].user.exec.command: required")]
    [InlineData("exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: p, env: [{value: x}]}", "users[0].user.exec.env[0].name: required")]
    public void User_problems_name_the_file_and_field(string user, string expected)
    {
        var path = _directory.Write("config", KubeconfigLoaderTests.SingleCluster("server: https://example.com", user, contextExtra: ""));

        var error = Assert.Throws<KubeconfigException>(() => Load(path));

        Assert.StartsWith($"kubeconfig {path}: {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_defined_twice_in_one_file_is_an_error()
    {
        var path = _directory.Write("config", """
            clusters:
            - name: a
              cluster: {server: "https://one"}
            - name: a
              cluster: {server: "https://two"}
            """);

        var error = Assert.Throws<KubeconfigException>(() => Load(path));

        Assert.Equal($"kubeconfig {path}: clusters[1].name: duplicate name \"a\" (also clusters[0])", error.Message);
    }

    [Fact]
    public void Problems_in_a_later_file_name_that_file()
    {
        var contexts = _directory.Write("contexts", "current-context: c\ncontexts:\n- name: c\n  context: {cluster: c}\n");
        var clusters = _directory.Write("clusters", "clusters:\n- name: c\n  cluster: {insecure-skip-tls-verify: true}\n");

        var error = Assert.Throws<KubeconfigException>(
            () => KubeconfigLoader.Load(environment: FakeEnvironment.Kubeconfig(_directory.Path, ("KUBECONFIG", contexts + Path.PathSeparator + clusters))));

        Assert.Equal($"kubeconfig {clusters}: clusters[0].cluster.server: no server found for cluster \"c\"", error.Message);
    }

    private KubernetesConnection Load(string path) => KubeconfigLoader.Load(path, environment: FakeEnvironment.Kubeconfig(_directory.Path));
}
