namespace CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

/// <summary>How to run a test Prometheus.</summary>
public sealed record PrometheusServerOptions
{
    /// <summary>host:port targets scraped every second as job "workload".</summary>
    public IReadOnlyList<string> ScrapeTargets { get; init; } = [];

    /// <summary>
    /// <c>basic_auth_users</c> of <c>--web.config.file</c> (user → bcrypt hash). When set, every endpoint including
    /// /-/ready requires them, so <see cref="ProbeCredentials"/> must be one of the users.
    /// </summary>
    public IReadOnlyDictionary<string, string> BasicAuthUsers { get; init; } = new Dictionary<string, string>();

    /// <summary>user and password the readiness probe (and <see cref="PrometheusServer.WaitForValueAsync"/>) send when basic auth is on.</summary>
    public (string User, string Password)? ProbeCredentials { get; init; }

    /// <summary>
    /// <c>remote_read</c> endpoints consulted for every query that selects series (<c>read_recent: true</c>). One that
    /// fails makes Prometheus answer with its local data plus a <c>warnings</c> entry: the one way to make 2.42 warn.
    /// </summary>
    public IReadOnlyList<Uri> RemoteReadUrls { get; init; } = [];
}
