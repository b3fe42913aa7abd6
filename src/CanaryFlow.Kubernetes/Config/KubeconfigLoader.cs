using CanaryFlow.Kubernetes.Config.Kubeconfig;

namespace CanaryFlow.Kubernetes.Config;

/// <summary>Loads a connection from kubeconfig files with client-go's (tools/clientcmd) rules.</summary>
public static class KubeconfigLoader
{
    /// <summary>
    /// Finds the kubeconfig files (<paramref name="explicitPath"/>, else every existing file in KUBECONFIG merged,
    /// else ~/.kube/config), picks the context (<paramref name="context"/>, else current-context) and builds the
    /// connection for its cluster and user.
    /// </summary>
    /// <param name="explicitPath">Like kubectl's --kubeconfig: only this file, which must exist.</param>
    /// <param name="context">Like kubectl's --context.</param>
    /// <param name="environment">Where KUBECONFIG and the home directory come from; this process when null.</param>
    /// <param name="clock">For token file re-reads and exec credential expiry; the system clock when null.</param>
    /// <exception cref="KubeconfigException">The configuration cannot be used; the message says which file and why.</exception>
    public static KubernetesConnection Load(string? explicitPath = null, string? context = null, KubeconfigEnvironment? environment = null, TimeProvider? clock = null)
    {
        environment ??= KubeconfigEnvironment.Process;
        clock ??= TimeProvider.System;
        var paths = KubeconfigSearchPath.Resolve(explicitPath, environment);
        var merged = KubeconfigMerger.Merge([.. paths.Select(KubeconfigFileReader.Read)]);
        var selected = KubeconfigContextSelector.Select(merged, context);
        var user = selected.User;
        var cluster = KubeconfigClusterReader.Read(selected.Cluster, user is not null && KubeconfigUserReader.HasClientCertificate(user.Value));
        var credentials = user is null ? UserCredentials.Anonymous : KubeconfigUserReader.Read(user, cluster, clock);
        var contextNamespace = selected.Context.Value.Namespace;
        return new KubernetesConnection
        {
            Server = cluster.Server,
            TlsServerName = cluster.TlsServerName,
            InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
            CertificateAuthorities = cluster.CertificateAuthorities,
            ClientCertificate = credentials.ClientCertificate,
            Authentication = credentials.Authentication,
            Proxy = cluster.Proxy,
            DisableCompression = cluster.DisableCompression,
            Namespace = string.IsNullOrEmpty(contextNamespace) ? "default" : contextNamespace,
            Source = $"kubeconfig {string.Join(Path.PathSeparator, paths)}, context {selected.Context.Name}",
        };
    }
}
