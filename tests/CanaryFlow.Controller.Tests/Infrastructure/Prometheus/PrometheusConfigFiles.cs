using System.Text;

namespace CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

/// <summary>Writes prometheus.yml (1 s scrape and evaluation, optional remote_read) and, for basic auth, the web config.</summary>
public static class PrometheusConfigFiles
{
    public static string WriteConfig(string directory, PrometheusServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var yaml = new StringBuilder()
            .AppendLine("global:")
            .AppendLine("  scrape_interval: 1s")
            .AppendLine("  scrape_timeout: 1s")
            .AppendLine("  evaluation_interval: 1s")
            .AppendLine("scrape_configs:")
            .AppendLine("  - job_name: workload")
            .AppendLine("    static_configs:")
            .AppendLine($"      - targets: [{string.Join(", ", options.ScrapeTargets.Select(t => $"'{t}'"))}]");
        if (options.RemoteReadUrls.Count > 0)
        {
            yaml.AppendLine("remote_read:");
            foreach (var url in options.RemoteReadUrls)
            {
                yaml.AppendLine($"  - url: '{url}'").AppendLine("    read_recent: true").AppendLine("    remote_timeout: 5s");
            }
        }

        var path = Path.Combine(directory, "prometheus.yml");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }

    public static string? WriteWebConfig(string directory, IReadOnlyDictionary<string, string> basicAuthUsers)
    {
        ArgumentNullException.ThrowIfNull(basicAuthUsers);
        if (basicAuthUsers.Count == 0)
        {
            return null;
        }

        var yaml = new StringBuilder().AppendLine("basic_auth_users:");
        foreach (var (user, hash) in basicAuthUsers)
        {
            yaml.AppendLine($"  {user}: '{hash}'");
        }

        var path = Path.Combine(directory, "web.yml");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }
}
