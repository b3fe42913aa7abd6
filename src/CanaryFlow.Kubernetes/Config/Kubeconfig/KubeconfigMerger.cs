namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>
/// Merges kubeconfig files like client-go's loader: whole entries, first file to define a name wins, and
/// <c>current-context</c> from the first file that sets one. A name repeated within one file is an error, as it is
/// when client-go converts the file.
/// </summary>
internal static class KubeconfigMerger
{
    public static MergedKubeconfig Merge(IReadOnlyList<KubeconfigFile> files)
    {
        var clusters = new Dictionary<string, KubeconfigEntry<KubeconfigCluster>>(StringComparer.Ordinal);
        var users = new Dictionary<string, KubeconfigEntry<KubeconfigUser>>(StringComparer.Ordinal);
        var contexts = new Dictionary<string, KubeconfigEntry<KubeconfigContext>>(StringComparer.Ordinal);
        string? currentContext = null;
        foreach (var file in files)
        {
            var document = file.Document;
            Add(file.Path, "clusters", "cluster", document.Clusters, c => (c.Name, c.Cluster ?? new KubeconfigCluster()), clusters);
            Add(file.Path, "users", "user", document.Users, u => (u.Name, u.User ?? new KubeconfigUser()), users);
            Add(file.Path, "contexts", "context", document.Contexts, c => (c.Name, c.Context ?? new KubeconfigContext()), contexts);
            if (string.IsNullOrEmpty(currentContext) && !string.IsNullOrEmpty(document.CurrentContext))
            {
                currentContext = document.CurrentContext;
            }
        }

        return new MergedKubeconfig
        {
            Files = [.. files.Select(f => f.Path)],
            CurrentContext = currentContext,
            Clusters = clusters,
            Users = users,
            Contexts = contexts,
        };
    }

    private static void Add<TNamed, T>(
        string file, string listName, string bodyName, List<TNamed?>? list, Func<TNamed, (string? Name, T Body)> split,
        Dictionary<string, KubeconfigEntry<T>> merged)
        where TNamed : class
    {
        if (list is null)
        {
            return;
        }

        var seenInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i] ?? throw new KubeconfigException($"kubeconfig {file}: {listName}[{i}]: empty entry");
            var (name, body) = split(item);
            if (string.IsNullOrEmpty(name))
            {
                throw new KubeconfigException($"kubeconfig {file}: {listName}[{i}].name: required");
            }

            if (seenInFile.TryGetValue(name, out var first))
            {
                throw new KubeconfigException($"kubeconfig {file}: {listName}[{i}].name: duplicate name \"{name}\" (also {listName}[{first}])");
            }

            seenInFile[name] = i;
            merged.TryAdd(name, new KubeconfigEntry<T>(name, body, new KubeconfigEntryLocation(file, $"{listName}[{i}].{bodyName}")));
        }
    }
}
