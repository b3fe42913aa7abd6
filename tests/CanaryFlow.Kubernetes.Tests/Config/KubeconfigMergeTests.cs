using CanaryFlow.Kubernetes.Config;

namespace CanaryFlow.Kubernetes.Tests.Config;

public sealed class KubeconfigMergeTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task First_file_to_define_a_name_wins_and_current_context_comes_from_the_first_file_that_sets_it()
    {
        var first = _directory.Write("first", """
            clusters:
            - name: shared
              cluster: {server: "https://first.example.com"}
            users:
            - name: shared
              user: {token: first-token}
            """);
        var second = _directory.Write("second", """
            current-context: from-second
            clusters:
            - name: shared
              cluster: {server: "https://second.example.com"}
            - name: only-second
              cluster: {server: "https://only-second.example.com"}
            users:
            - name: shared
              user: {token: second-token}
            contexts:
            - name: from-second
              context: {cluster: shared, user: shared, namespace: second-ns}
            """);
        var third = _directory.Write("third", """
            current-context: from-third
            contexts:
            - name: from-second
              context: {cluster: only-second, namespace: third-ns}
            - name: from-third
              context: {cluster: only-second}
            """);

        var connection = LoadFromVariable(first, second, third);

        Assert.Equal("first.example.com", connection.Server.Host);
        Assert.Equal("first-token", (await connection.Authentication!.GetAuthorizationAsync(CancellationToken.None))!.Parameter);
        Assert.Equal("second-ns", connection.Namespace);
        Assert.Equal($"kubeconfig {string.Join(Path.PathSeparator, first, second, third)}, context from-second", connection.Source);

        var reordered = LoadFromVariable(third, second, first);
        Assert.Equal("only-second.example.com", reordered.Server.Host);
        Assert.EndsWith("context from-third", reordered.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_files_in_KUBECONFIG_are_skipped_and_duplicates_loaded_once()
    {
        var real = _directory.Write("config", KubeconfigLoaderTests.SingleCluster("server: https://example.com", user: null, contextExtra: ""));
        var missing = _directory.Combine("missing");

        var connection = LoadFromVariable(missing, real, "", real);

        Assert.Equal($"kubeconfig {real}, context c", connection.Source);
    }

    [Fact]
    public void An_explicit_path_ignores_KUBECONFIG()
    {
        var fromVariable = _directory.Write("variable", KubeconfigLoaderTests.SingleCluster("server: https://variable.example.com", user: null, contextExtra: ""));
        var explicitPath = _directory.Write("explicit", KubeconfigLoaderTests.SingleCluster("server: https://explicit.example.com", user: null, contextExtra: ""));

        var connection = KubeconfigLoader.Load(explicitPath, environment: FakeEnvironment.Kubeconfig(_directory.Path, ("KUBECONFIG", fromVariable)));

        Assert.Equal("explicit.example.com", connection.Server.Host);
    }

    [Fact]
    public void KUBECONFIG_wins_over_the_home_file()
    {
        _directory.Write(".kube/config", KubeconfigLoaderTests.SingleCluster("server: https://home.example.com", user: null, contextExtra: ""));
        var fromVariable = _directory.Write("variable", KubeconfigLoaderTests.SingleCluster("server: https://variable.example.com", user: null, contextExtra: ""));

        Assert.Equal("variable.example.com", LoadFromVariable(fromVariable).Server.Host);
    }

    private KubernetesConnection LoadFromVariable(params string[] files) =>
        KubeconfigLoader.Load(environment: FakeEnvironment.Kubeconfig(_directory.Path, ("KUBECONFIG", string.Join(Path.PathSeparator, files))));
}
