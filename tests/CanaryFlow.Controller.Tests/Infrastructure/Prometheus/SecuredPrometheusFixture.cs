namespace CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

/// <summary>
/// A real Prometheus of its own that requires basic auth on every endpoint (<c>--web.config.file</c> with
/// <c>basic_auth_users</c> holding a bcrypt hash), so Prometheus itself is what accepts or refuses credentials.
/// </summary>
public sealed class SecuredPrometheusFixture : IAsyncLifetime
{
    public const string User = "analysis";
    public const string Password = "canary-test-password";

    /// <summary>
    /// bcrypt (cost 4, the minimum, so checks are fast) of <see cref="Password"/>. Made once, offline, with Debian 12's
    /// libxcrypt: <c>python3 -c 'import crypt; print(crypt.crypt("canary-test-password", crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))'</c>.
    /// The tests are its verification: Prometheus accepts the password and rejects another one.
    /// </summary>
    public const string PasswordHash = "$2b$04$xdbN5GmxFQBmWhy/lLNiF.0s6K6/md7tEznjwdYUElzNaMOAtSV2G";

    public PrometheusServer Server { get; private set; } = null!;

    public HttpClient HttpClient { get; } = new();

    public async Task InitializeAsync() =>
        Server = await PrometheusServer.StartAsync(new PrometheusServerOptions
        {
            BasicAuthUsers = new Dictionary<string, string> { [User] = PasswordHash },
            ProbeCredentials = (User, Password),
        });

    public async Task DisposeAsync()
    {
        HttpClient.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SecuredPrometheusCollection : ICollectionFixture<SecuredPrometheusFixture>
{
    public const string Name = "Secured Prometheus";
}
