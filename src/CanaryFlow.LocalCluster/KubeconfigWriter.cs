using System.Text;

namespace CanaryFlow.LocalCluster;

/// <summary>Writes the kubeconfig that points kubectl (and our client) at a running LocalCluster.</summary>
public static class KubeconfigWriter
{
    public const string ContextName = "localcluster";

    public static string Render(string server, string token, string? caPem, string defaultNamespace = "default")
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(token);
        var cluster = new StringBuilder();
        cluster.Append("    server: ").Append(server).Append('\n');
        if (caPem is not null)
        {
            cluster.Append("    certificate-authority-data: ").Append(Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem))).Append('\n');
        }

        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {ContextName}
              cluster:
            {cluster}contexts:
            - name: {ContextName}
              context:
                cluster: {ContextName}
                user: {ContextName}-admin
                namespace: {defaultNamespace}
            current-context: {ContextName}
            users:
            - name: {ContextName}-admin
              user:
                token: {token}
            preferences: {"{}"}

            """;
    }

    /// <summary>Writes atomically (readers never see half a file) and readable by the owner only: it holds a token.</summary>
    public static void Write(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Environment.ProcessId + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            writer.Write(content);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
