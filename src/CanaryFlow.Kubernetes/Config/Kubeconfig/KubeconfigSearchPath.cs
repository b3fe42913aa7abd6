namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>Which kubeconfig files to load, in precedence order (client-go ClientConfigLoadingRules).</summary>
internal static class KubeconfigSearchPath
{
    public const string Variable = "KUBECONFIG";

    public static IReadOnlyList<string> Resolve(string? explicitPath, KubeconfigEnvironment environment)
    {
        // An explicit path is the whole story: KUBECONFIG is not merged in, and a missing file is an error.
        if (!string.IsNullOrEmpty(explicitPath))
        {
            var path = Path.GetFullPath(explicitPath);
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                throw new KubeconfigException($"kubeconfig {path}: file does not exist");
            }

            return [path];
        }

        var variable = environment.GetVariable(Variable);
        var listed = string.IsNullOrEmpty(variable)
            ? []
            : variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
        if (listed.Count > 0)
        {
            // Files named in KUBECONFIG that do not exist are skipped, so one list works on machines with different files.
            var existing = listed.Where(File.Exists).ToList();
            return existing.Count > 0
                ? existing
                : throw new KubeconfigException($"kubeconfig: none of the files in {Variable} exist: {string.Join(", ", listed)}");
        }

        var home = Path.Combine(environment.HomeDirectory, ".kube", "config");
        return File.Exists(home)
            ? [home]
            : throw new KubeconfigException($"kubeconfig {home}: file does not exist (set {Variable} or pass an explicit kubeconfig path)");
    }
}
