namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>Picks the context (an explicit one wins over current-context) and looks up its cluster and user.</summary>
internal static class KubeconfigContextSelector
{
    public static SelectedContext Select(MergedKubeconfig config, string? contextOverride)
    {
        var name = !string.IsNullOrEmpty(contextOverride) ? contextOverride : config.CurrentContext;
        if (string.IsNullOrEmpty(name))
        {
            throw new KubeconfigException(
                $"kubeconfig {config.Describe()}: no context chosen: current-context is not set and no context was given; {ListContexts(config)}");
        }

        if (!config.Contexts.TryGetValue(name, out var context))
        {
            throw new KubeconfigException($"kubeconfig {config.Describe()}: context \"{name}\" does not exist; {ListContexts(config)}");
        }

        var location = context.Location;
        var clusterName = context.Value.Cluster;
        if (string.IsNullOrEmpty(clusterName))
        {
            throw location.Fail("cluster", $"context \"{name}\" names no cluster");
        }

        if (!config.Clusters.TryGetValue(clusterName, out var cluster))
        {
            throw location.Fail("cluster", $"cluster \"{clusterName}\" referenced by context \"{name}\" does not exist in {config.Describe()}");
        }

        KubeconfigEntry<KubeconfigUser>? user = null;
        var userName = context.Value.User;
        if (!string.IsNullOrEmpty(userName) && !config.Users.TryGetValue(userName, out user))
        {
            throw location.Fail("user", $"user \"{userName}\" referenced by context \"{name}\" does not exist in {config.Describe()}");
        }

        return new SelectedContext { Context = context, Cluster = cluster, User = user };
    }

    private static string ListContexts(MergedKubeconfig config) =>
        config.Contexts.Count == 0
            ? "no contexts are defined"
            : "contexts: " + string.Join(", ", config.Contexts.Keys.Order(StringComparer.Ordinal));
}
