using System.Reflection;

namespace CanaryFlow.Cli.Cluster;

/// <summary>The plugin's version, from its assembly (set by the project's Version).</summary>
internal static class PluginVersion
{
    public static string Text { get; } =
        typeof(PluginVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(PluginVersion).Assembly.GetName().Version?.ToString(3)
        ?? "0.0.0";
}
