namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>Where an entry was defined: its file (for relative paths and messages) and its field path in that file.</summary>
internal sealed record KubeconfigEntryLocation(string File, string FieldPath)
{
    public string Directory => Path.GetDirectoryName(File) ?? ".";

    /// <summary>An error about <paramref name="field"/> (relative to this entry; empty for the entry itself).</summary>
    public KubeconfigException Fail(string field, string problem, Exception? innerException = null) =>
        new($"kubeconfig {File}: {FieldPath}{(field.Length == 0 ? "" : "." + field)}: {problem}", innerException);

    /// <summary>Relative paths in a kubeconfig are relative to the file that holds them, not to the working directory.</summary>
    public string ResolvePath(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(Directory, path));
}
