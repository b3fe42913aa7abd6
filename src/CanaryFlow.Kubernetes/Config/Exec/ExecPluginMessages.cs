namespace CanaryFlow.Kubernetes.Config.Exec;

/// <summary>Wording shared by the plugin's error messages.</summary>
internal static class ExecPluginMessages
{
    private const int _maxStandardError = 4096;

    public static string WithInstallHint(ExecPluginSettings settings, string message) =>
        string.IsNullOrWhiteSpace(settings.InstallHint) ? message : message + "\n\n" + settings.InstallHint.TrimEnd();

    /// <summary>The end of stderr, where plugins put the reason they failed, bounded so a chatty plugin cannot flood logs.</summary>
    public static string Truncate(string standardError)
    {
        var text = standardError.Trim();
        return text.Length <= _maxStandardError ? text : "…(truncated) " + text[^_maxStandardError..];
    }
}
